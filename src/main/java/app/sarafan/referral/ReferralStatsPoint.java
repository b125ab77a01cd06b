package app.sarafan.referral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One point of a member's referral series: the interval that starts on {@code start} (a date in the member's time
 * zone), with the same figures as {@link ReferralStats} for it.
 */
public record ReferralStatsPoint(LocalDate start, long clicks, long registrations, long payingReferrals,
        BigDecimal earned, List<ReferralStats.LevelEarnings> earnedByLevel) {
}
