package app.sarafan.referral.site;

import java.time.Instant;

/** A member's site as the shop and administrators see it: its state, without the member's token. */
public record SiteView(
        String id,
        String domain,
        SiteStatus status,
        VerificationMethod verificationMethod,
        Instant verifiedAt,
        Instant lastCheckedAt,
        CheckFailure failureReason,
        Instant createdAt) {

    static SiteView of(ReferralSite site) {
        return new SiteView(String.valueOf(site.id), site.domain, site.status, site.verificationMethod,
                site.verifiedAt, site.lastCheckedAt, site.failureReason, site.createdAt);
    }
}
