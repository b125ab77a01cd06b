package app.sarafan.common.security;

import java.time.Duration;

import io.smallrye.jwt.KeyProvider;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies member tokens as smallrye-jwt does, except that keys from a JWKS URL follow Sarafan's rotation policy
 * ({@link IdentityProviderKeys}). A static key (Sarafan's own key pair, a PEM or JWK file) is verified unchanged.
 * Replaces smallrye-jwt's default factory the way the Quarkus JWT guide describes (an alternative bean).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MemberTokenPrincipalFactory extends JWTCallerPrincipalFactory {

    private final Parser parser;

    MemberTokenPrincipalFactory(AuthConfig config) {
        AuthConfig.Jwks jwks = config.memberTokens().jwks();
        atLeastOneSecond("sarafan.auth.member-tokens.jwks.refresh-interval", jwks.refreshInterval());
        atLeastOneSecond("sarafan.auth.member-tokens.jwks.forced-refresh-interval", jwks.forcedRefreshInterval());
        this.parser = new Parser(jwks);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
        JwtContext context = parser.parse(token, settings);
        String type = context.getJoseObjects().get(0).getHeader("typ");
        return new DefaultJWTCallerPrincipal(type, context.getJwtClaims());
    }

    private static void atLeastOneSecond(String key, Duration value) {
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException(key + " must be at least PT1S, is " + value);
        }
    }

    private static final class Parser extends DefaultJWTTokenParser {

        private final AuthConfig.Jwks policy;
        /** The first fetch, until one succeeds: no more often than a forced refresh, however many tokens come. */
        private final RefreshGate firstFetch;
        private volatile IdentityProviderKeys identityProviderKeys;

        Parser(AuthConfig.Jwks policy) {
            this.policy = policy;
            this.firstFetch = RefreshGate.every(policy.forcedRefreshInterval());
        }

        @Override
        protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo settings)
                throws UnresolvableKeyException {
            if (settings.getKeyProvider() == KeyProvider.AWS_ALB || settings.isVerifyCertificateThumbprint()
                    || !IdentityProviderKeys.isJwksUrl(settings.getPublicKeyLocation())) {
                return super.getVerificationKeyResolver(settings);
            }
            IdentityProviderKeys keys = identityProviderKeys;
            if (keys == null) {
                synchronized (this) {
                    keys = identityProviderKeys;
                    if (keys == null) {
                        // Until the first fetch succeeds this throws; a later token tries again once the gate
                        // lets it, so a provider that is down from the start is not asked once per token.
                        if (!firstFetch.tryPass()) {
                            throw new UnresolvableKeyException("The member-token key set could not be fetched; it"
                                    + " is asked for again at most every " + policy.forcedRefreshInterval());
                        }
                        keys = new IdentityProviderKeys(new JwksContextInfo(settings, policy));
                        identityProviderKeys = keys;
                    }
                }
            }
            return keys;
        }
    }
}
