package app.sarafan.referral;

import java.time.Instant;

/** A recorded visit and whom it is attributed to (null when nobody); a registration within the window binds. */
public record VisitView(String id, String visitorId, String attributedTo, BindingChannel via, String source,
        Instant recordedAt, Instant attributionEndsAt) {
}
