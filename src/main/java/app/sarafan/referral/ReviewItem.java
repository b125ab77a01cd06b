package app.sarafan.referral;

import java.time.Instant;
import java.util.List;

/** A flagged binding waiting for an administrator. */
public record ReviewItem(String externalId, String referrerExternalId, BindingChannel boundVia, Instant boundAt,
        List<String> reasons) {
}
