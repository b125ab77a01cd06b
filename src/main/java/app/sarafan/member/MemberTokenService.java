package app.sarafan.member;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.security.AuthConfig;
import app.sarafan.common.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs short-lived member tokens for shops that have no identity provider of their own. The token names the
 * member in the configured member claim; its lifetime is capped by configuration. Token lifetimes use real time,
 * not the business clock, since the verifier checks them against real time.
 */
@ApplicationScoped
public class MemberTokenService {

    private final MemberService members;
    private final AuthConfig config;

    MemberTokenService(MemberService members, AuthConfig config) {
        this.members = members;
        this.config = config;
    }

    public MemberToken issue(MemberTokenRequest request) {
        AuthConfig.MemberTokens tokens = config.memberTokens();
        if (!tokens.enabled()) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Member tokens are issued by the shop's identity provider in this installation");
        }
        MemberRef member = members.ref(request.externalId());
        if (member.blocked()) {
            throw new ProblemException(ProblemType.MEMBER_BLOCKED, "Member '" + member.externalId() + "' is blocked");
        }
        Duration ttl = request.ttlSeconds() == null ? tokens.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.compareTo(tokens.maxTtl()) > 0) {
            ttl = tokens.maxTtl();
        }
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = Jwt.issuer(tokens.issuer())
                .subject(member.externalId())
                .claim(config.memberClaim(), member.externalId())
                .groups(Set.of(Roles.MEMBER))
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .sign();
        return new MemberToken(token, "Bearer", expiresAt);
    }
}
