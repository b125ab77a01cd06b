package app.sarafan.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.auth")
public interface AuthConfig {

    /** API keys of shop backends (role shop), each either the key itself or {@code sha256:<hex of the key>}. */
    Optional<List<String>> shopApiKeys();

    /** API keys of administrators (role admin), in the same forms. */
    Optional<List<String>> adminApiKeys();

    /** The claim of a member JWT that holds the member's externalId. */
    @WithDefault("sub")
    String memberClaim();

    MemberTokens memberTokens();

    interface MemberTokens {
        /** Whether shop backends may ask Sarafan to sign member tokens (off when the shop's own IdP issues them). */
        @WithDefault("true")
        boolean enabled();

        /** The issuer written into, and required of, member tokens Sarafan signs. */
        @WithDefault("sarafan")
        String issuer();

        @WithDefault("PT1H")
        Duration defaultTtl();

        @WithDefault("PT24H")
        Duration maxTtl();

        /** How keys are fetched when member tokens are verified against a JWKS URL (the shop's identity provider). */
        Jwks jwks();
    }

    /**
     * Key rotation at the identity provider (docs/configuration.md, "Key rotation"). These replace smallrye-jwt's
     * own {@code smallrye.jwt.jwks.*} settings, which count in whole minutes and let the provider's Cache-Control
     * decide how long a removed key stays trusted.
     */
    interface Jwks {
        /**
         * The key set is fetched again this long after the last fetch (on the first token that comes later): a key
         * removed from it stops being accepted at the latest this long after its removal. The provider's
         * Cache-Control and Expires headers are not followed. As jwks-rsa and panva/jose (Auth0's, Okta's clients).
         */
        @WithDefault("PT10M")
        Duration refreshInterval();

        /**
         * A token whose {@code kid} is not in the key set fetches the set again at once, at most once per this
         * interval (a failed fetch counts), so a flood of unknown {@code kid}s cannot hammer the provider. While the
         * provider cannot be reached, the keys already known stay in use and the fetch is retried after this long.
         * As panva/jose's cooldown (30 s); Keycloak waits 10 s.
         */
        @WithDefault("PT30S")
        Duration forcedRefreshInterval();
    }
}
