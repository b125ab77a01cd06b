package app.sarafan.common.security;

import java.time.Duration;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * smallrye-jwt's verification settings plus Sarafan's key-rotation policy. The key resolver reads the policy from
 * its context because smallrye-jwt's resolver fetches the key set in its constructor, before a subclass's own
 * fields are set.
 */
final class JwksContextInfo extends JWTAuthContextInfo {

    private final Duration refreshInterval;
    private final Duration forcedRefreshInterval;
    private final RefreshGate forcedRefreshGate;

    JwksContextInfo(JWTAuthContextInfo settings, AuthConfig.Jwks policy) {
        super(settings);
        this.refreshInterval = policy.refreshInterval();
        this.forcedRefreshInterval = policy.forcedRefreshInterval();
        this.forcedRefreshGate = RefreshGate.every(forcedRefreshInterval);
    }

    Duration refreshInterval() {
        return refreshInterval;
    }

    Duration forcedRefreshInterval() {
        return forcedRefreshInterval;
    }

    RefreshGate forcedRefreshGate() {
        return forcedRefreshGate;
    }
}
