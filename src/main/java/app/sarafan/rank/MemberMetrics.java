package app.sarafan.rank;

import java.math.BigDecimal;

import app.sarafan.rule.RuleDefinition.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The lifetime figures achievements are measured by. Lifetime, never the balance: spending must not undo an
 * achievement. Refunded shares of orders do not count as spent.
 */
@ApplicationScoped
public class MemberMetrics {

    private final EntityManager em;

    MemberMetrics(EntityManager em) {
        this.em = em;
    }

    public BigDecimal of(long memberId, Metric metric) {
        String sql = switch (metric) {
            case TOTAL_SPENT -> """
                    SELECT COALESCE(SUM((total - bonuses_applied) * (1 - refunded_share)), 0) FROM shop_order
                    WHERE member_id = ?1 AND status = 'PAID'""";
            case PAID_ORDERS -> """
                    SELECT COUNT(*) FROM shop_order WHERE member_id = ?1 AND status = 'PAID' AND refunded_share < 1""";
            case PAYING_REFERRALS -> """
                    SELECT COUNT(*) FROM referral_profile WHERE referrer_id = ?1 AND first_paid_at IS NOT NULL""";
            case BONUSES_EARNED -> """
                    SELECT COALESCE(SUM(t.amount), 0) FROM ledger_transaction t
                    WHERE t.account_id = ?1 AND t.kind IN ('ACCRUAL', 'VOID', 'REVERSAL')""";
        };
        em.flush(); // the figures must include what this transaction changed (a native query does not flush)
        Object value = em.createNativeQuery(sql).setParameter(1, memberId).getSingleResult();
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }
}
