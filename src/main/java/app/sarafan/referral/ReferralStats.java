package app.sarafan.referral;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A member's referral funnel in a period: clicks on their link/site/coupon, registrations bound to them, referrals
 * who paid; conversion rates in percent (registrations per click, paying per registration, rounded HALF_UP to
 * 0.01); and bonuses earned from their network per level.
 */
public record ReferralStats(Instant from, Instant to, long clicks, long registrations, long payingReferrals,
        BigDecimal registrationConversion, BigDecimal payingConversion, BigDecimal earned,
        List<LevelEarnings> earnedByLevel) {

    public record LevelEarnings(int level, BigDecimal amount) {
    }
}
