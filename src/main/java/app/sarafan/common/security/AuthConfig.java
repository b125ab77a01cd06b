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
    }
}
