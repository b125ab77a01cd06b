package app.sarafan.referral.site;

import java.time.Instant;

/** A site as its member sees it: with the token and where to put it. Properties without a value are null. */
public record MySiteView(
        String id,
        String domain,
        SiteStatus status,
        String verificationToken,
        Instructions instructions,
        VerificationMethod verificationMethod,
        Instant verifiedAt,
        Instant lastCheckedAt,
        CheckFailure failureReason,
        String failureDetail,
        Instant createdAt) {

    /** The two places the check looks for the token; either one is enough. */
    public record Instructions(String fileUrl, String fileContent, String metaTag) {
    }

    static MySiteView of(ReferralSite site) {
        String token = site.verificationToken;
        Instructions instructions = new Instructions("https://" + site.domain + OwnershipCheck.WELL_KNOWN_PATH, token,
                "<meta name=\"" + TokenSearch.META_NAME + "\" content=\"" + token + "\">");
        return new MySiteView(String.valueOf(site.id), site.domain, site.status, token, instructions,
                site.verificationMethod, site.verifiedAt, site.lastCheckedAt, site.failureReason, site.failureDetail,
                site.createdAt);
    }
}
