package app.sarafan.award;

import java.time.Instant;

/** An award a member holds (or held: revoked ones show only to administrators). */
public record MemberAwardView(String code, String name, String description, String imageUrl, Instant grantedAt,
        String grantedBy, String reason, Instant revokedAt, String revokeReason) {
}
