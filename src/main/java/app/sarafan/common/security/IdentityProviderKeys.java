package app.sarafan.common.security;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import org.jboss.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys of a shop's identity provider, from its JWKS URL, under Sarafan's rotation policy: smallrye-jwt's
 * resolver (TLS, proxy, key selection by {@code kid} and algorithm) with its timing replaced. The set is fetched
 * again {@code refresh-interval} after the last fetch whatever the provider's cache headers say; an unknown
 * {@code kid} forces a fetch at most once per {@code forced-refresh-interval}; a failed fetch keeps the keys
 * already known and is retried after {@code forced-refresh-interval}.
 */
final class IdentityProviderKeys extends KeyLocationResolver {

    private static final Logger LOG = Logger.getLogger(IdentityProviderKeys.class);

    IdentityProviderKeys(JwksContextInfo settings) throws UnresolvableKeyException {
        super(settings);
    }

    static boolean isJwksUrl(String location) {
        return location != null && (location.startsWith("https:") || location.startsWith("http:"));
    }

    private JwksContextInfo policy() {
        return (JwksContextInfo) authContextInfo;
    }

    @Override
    protected HttpsJwks getHttpsJwks(String location) {
        HttpsJwks jwks = new HttpsJwks(location);
        jwks.setDefaultCacheDuration(policy().refreshInterval().toSeconds());
        // jose4j skips a fetch within 300 ms of the last one; the forced-refresh gate is the limit here, and a
        // pass through it must fetch (a kid published just after a fetch would otherwise wait a whole interval).
        jwks.setRefreshReprieveThreshold(0);
        return jwks;
    }

    @Override
    protected HttpsJwks initializeHttpsJwks(String location) throws IOException {
        HttpsJwks jwks = super.initializeHttpsJwks(location);
        jwks.setRetainCacheOnErrorDuration(policy().forcedRefreshInterval().toSeconds());
        return jwks;
    }

    @Override
    protected Get getHttpGet() {
        Get get = new CacheHeadersIgnored();
        // jose4j repeats a failed request up to 3 times; one attempt per fetch keeps the forced-refresh limit a
        // limit on requests, and a failed fetch is retried after forced-refresh-interval anyway.
        get.setRetries(0);
        return get;
    }

    /** Called when a token's {@code kid} is not in the key set. */
    @Override
    protected boolean forcedHttpsJwksRefresh() {
        if (!policy().forcedRefreshGate().tryPass()) {
            LOG.debugf("A token's kid is not in the key set of %s; it was fetched less than %s ago, not again yet",
                    httpsJwks.getLocation(), policy().forcedRefreshInterval());
            return true;
        }
        try {
            httpsJwks.refresh();
            return true;
        } catch (JoseException | IOException e) {
            LOG.warnf("Cannot fetch the member-token key set from %s: %s", httpsJwks.getLocation(), e.getMessage());
            return false;
        }
    }

    /**
     * The refresh interval alone decides when the set is fetched again: an identity provider's long max-age would
     * keep a removed (perhaps compromised) key trusted for as long. Auth0's and Okta's clients do the same.
     */
    private static final class CacheHeadersIgnored extends Get {

        private static final Set<String> IGNORED = Set.of("cache-control", "expires");

        @Override
        public SimpleResponse get(String location) throws IOException {
            SimpleResponse response = super.get(location);
            return new SimpleResponse() {
                @Override
                public int getStatusCode() {
                    return response.getStatusCode();
                }

                @Override
                public String getStatusMessage() {
                    return response.getStatusMessage();
                }

                @Override
                public Collection<String> getHeaderNames() {
                    return response.getHeaderNames().stream()
                            .filter(name -> name == null || !IGNORED.contains(name.toLowerCase(Locale.ROOT)))
                            .toList();
                }

                @Override
                public List<String> getHeaderValues(String name) {
                    return name != null && IGNORED.contains(name.toLowerCase(Locale.ROOT))
                            ? null : response.getHeaderValues(name);
                }

                @Override
                public String getBody() {
                    return response.getBody();
                }
            };
        }
    }
}
