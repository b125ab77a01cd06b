package app.sarafan.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.Liability;
import app.sarafan.referral.ReferralStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Program figures for administrators, read from the journal, the lots and the referral profiles. Accounts settle
 * lazily (an expired lot burns when its account is next touched), so expiry and liability are read from the lots
 * themselves: a lot past its expiry counts as expired at its expiry, settled or not, and a pending lot past its
 * hold counts as available.
 */
@ApplicationScoped
public class ProgramAnalytics {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration ACTIVITY_WINDOW = Duration.ofDays(30);

    private final EntityManager em;
    private final AppClock clock;
    private final Liability liability;

    ProgramAnalytics(EntityManager em, AppClock clock, Liability liability) {
        this.em = em;
        this.clock = clock;
        this.liability = liability;
    }

    /** Without {@code to} the period ends now; without {@code from} it is the 30 days before its end. */
    @Transactional
    public ProgramAnalyticsView report(Instant from, Instant to) {
        Instant now = clock.now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to (the period ends now when to is omitted)");
        }
        return new ProgramAnalyticsView(start, end, now, flows(start, end, now), liability(now),
                referrals(start, end, now), rewards(start, end));
    }

    private ProgramAnalyticsView.Flows flows(Instant start, Instant end, Instant now) {
        Object[] sums = row("""
                SELECT coalesce(sum(amount) FILTER (WHERE kind = 'ACCRUAL' OR (kind = 'ADJUSTMENT' AND amount > 0)), 0),
                       coalesce(-sum(amount) FILTER (WHERE kind IN ('REDEMPTION', 'RETURN')), 0),
                       coalesce(-sum(amount) FILTER (WHERE kind = 'WITHDRAWAL'), 0),
                       coalesce(-sum(amount) FILTER (WHERE kind IN ('REVERSAL', 'VOID')), 0),
                       coalesce(-sum(amount) FILTER (WHERE kind = 'ADJUSTMENT' AND amount < 0), 0)
                FROM ledger_transaction WHERE created_at >= ?1 AND created_at < ?2""", start, end);
        // An EXPIRY is written when its account settles, at or after the lot's expiry, which it keeps in expires_at.
        BigDecimal settled = money(row("""
                SELECT coalesce(-sum(amount), 0) FROM ledger_transaction
                WHERE kind = 'EXPIRY' AND created_at >= ?1 AND expires_at >= ?1 AND expires_at < ?2""",
                start, end)[0]);
        BigDecimal unsettled = money(row("""
                SELECT coalesce(sum(remaining), 0) FROM lot
                WHERE state IN ('ACTIVE', 'PENDING') AND expires_at >= ?1 AND expires_at < ?2""",
                start, end.isBefore(now) ? end : now)[0]);
        return new ProgramAnalyticsView.Flows(money(sums[0]), money(sums[1]), settled.add(unsettled),
                money(sums[2]), money(sums[3]), money(sums[4]));
    }

    /** The ledger's own figure (the one its invariant checks against the journal), as of the request. */
    private ProgramAnalyticsView.Liability liability(Instant now) {
        Liability.Figures owed = liability.asOf(now);
        return new ProgramAnalyticsView.Liability(owed.available(), owed.reserved(), owed.pending(), owed.total(),
                owed.expiringWithin30Days(), owed.expiringWithin90Days());
    }

    private ProgramAnalyticsView.Referrals referrals(Instant start, Instant end, Instant now) {
        Object[] paying = row("""
                SELECT count(*), count(*) FILTER (WHERE referrer_id IS NOT NULL) FROM referral_profile
                WHERE first_paid_at >= ?1 AND first_paid_at < ?2""", start, end);
        long newPaying = ((Number) paying[0]).longValue();
        long newReferred = ((Number) paying[1]).longValue();
        Instant activeUntil = end.isBefore(now) ? end : now;
        long activeReferrers = ((Number) row("""
                SELECT count(*) FROM (
                    SELECT referrer_id FROM visit
                    WHERE referrer_id IS NOT NULL AND created_at >= ?1 AND created_at < ?2
                    UNION
                    SELECT referrer_id FROM referral_profile
                    WHERE referrer_id IS NOT NULL AND bound_at >= ?1 AND bound_at < ?2) active""",
                activeUntil.minus(ACTIVITY_WINDOW), activeUntil)[0]).longValue();
        BigDecimal incentives = money(row("""
                SELECT coalesce(sum(t.amount), 0) FROM ledger_transaction t
                LEFT JOIN ledger_transaction o ON o.id = t.related_transaction_id AND t.kind IN ('REVERSAL', 'VOID')
                WHERE t.created_at >= ?1 AND t.created_at < ?2
                  AND (t.referral_level IS NOT NULL OR o.referral_level IS NOT NULL)""", start, end)[0]);
        BigDecimal cost = newReferred == 0 ? null
                : incentives.divide(BigDecimal.valueOf(newReferred), Money.SCALE, Money.ROUNDING);
        return new ProgramAnalyticsView.Referrals(newPaying, newReferred,
                ReferralStatistics.percent(newReferred, newPaying), activeReferrers, incentives, cost);
    }

    /** From the redemptions themselves: the price is what the spend took, and what a cancellation gave back. */
    private ProgramAnalyticsView.Rewards rewards(Instant start, Instant end) {
        Object[] made = row("""
                SELECT count(*), coalesce(sum(price), 0) FROM reward_redemption
                WHERE created_at >= ?1 AND created_at < ?2""", start, end);
        Object[] cancelled = row("""
                SELECT count(*), coalesce(sum(price), 0) FROM reward_redemption
                WHERE cancelled_at >= ?1 AND cancelled_at < ?2""", start, end);
        return new ProgramAnalyticsView.Rewards(((Number) made[0]).longValue(), money(made[1]),
                ((Number) cancelled[0]).longValue(), money(cancelled[1]));
    }

    private Object[] row(String sql, Instant... params) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, Timestamp.from(params[i]));
        }
        Object result = query.getSingleResult();
        return result instanceof Object[] columns ? columns : new Object[] {result};
    }

    private static BigDecimal money(Object value) {
        return Money.exact(new BigDecimal(value.toString()));
    }
}
