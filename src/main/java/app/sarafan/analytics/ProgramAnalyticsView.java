package app.sarafan.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the loyalty program cost and owes: bonus flows in [from, to), the liability as of {@code asOf} (the moment
 * of the request), and what referrals brought.
 */
public record ProgramAnalyticsView(Instant from, Instant to, Instant asOf, Flows bonuses, Liability liability,
        Referrals referrals, Rewards rewards) {

    /** Bonuses that moved in the period, each a positive sum. */
    public record Flows(BigDecimal issued, BigDecimal spent, BigDecimal expired, BigDecimal withdrawn,
            BigDecimal takenBack, BigDecimal debitedByAdministrators) {
    }

    /** What members hold now: {@code total} = available + reserved + pending; expiring sums are part of it. */
    public record Liability(BigDecimal available, BigDecimal reserved, BigDecimal pending, BigDecimal total,
            BigDecimal expiringWithin30Days, BigDecimal expiringWithin90Days) {
    }

    /**
     * Customers who paid for the first time in the period and how many of them came by referral; referrers active
     * in the 30 days before the period's end; referral rewards paid in the period and their cost per new paying
     * referred customer (null when there was none).
     */
    public record Referrals(long newPayingCustomers, long newPayingReferred, BigDecimal referredShare,
            long activeReferrersLast30Days, BigDecimal referralIncentives, BigDecimal costPerReferredCustomer) {
    }

    /**
     * Rewards of the catalogue in the period: redemptions made and the bonuses they spent (part of
     * {@code bonuses.spent}), redemptions cancelled and the bonuses given back for them.
     */
    public record Rewards(long redeemed, BigDecimal bonusesSpent, long cancelled, BigDecimal bonusesReturned) {
    }
}
