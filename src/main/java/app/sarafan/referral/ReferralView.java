package app.sarafan.referral;

import java.time.Instant;

/** A member's own referral card: their code and link, and who referred them (by display name only). */
public record ReferralView(String code, String link, String referredBy, Instant boundAt, BindingChannel boundVia) {
}
