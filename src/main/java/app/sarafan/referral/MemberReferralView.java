package app.sarafan.referral;

import java.time.Instant;
import java.util.List;

/** The referral side of a member for the shop and administrators. */
public record MemberReferralView(String externalId, String code, String link, String referrerExternalId,
        Instant boundAt, BindingChannel boundVia, String boundSource, ReviewStatus reviewStatus,
        List<String> reviewReasons) {
}
