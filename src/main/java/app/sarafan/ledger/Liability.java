package app.sarafan.ledger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import app.sarafan.common.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What the program owes its members as of an instant, read from the lots: the one query behind the liability
 * analytics reports and the conservation rule of {@link LedgerInvariant}, so the two can never describe it
 * differently. Accounts settle lazily, so a lot past its expiry counts as gone at its expiry (settled or not) and a
 * pending lot past its hold counts as available.
 */
@ApplicationScoped
public class Liability {

    /**
     * {@code available} = open lots usable now minus {@code reserved}; {@code total} = available + reserved +
     * pending; {@code pastExpiry} is what open lots still hold after their expiry (it burns when their account
     * settles, and is in no other figure).
     */
    public record Figures(BigDecimal available, BigDecimal reserved, BigDecimal pending, BigDecimal total,
            BigDecimal expiringWithin30Days, BigDecimal expiringWithin90Days, BigDecimal pastExpiry) {
    }

    private final EntityManager em;

    Liability(EntityManager em) {
        this.em = em;
    }

    /** One statement, so its figures come from one snapshot of the database. */
    @Transactional
    public Figures asOf(Instant now) {
        Object[] row = (Object[]) em.createNativeQuery("""
                WITH open AS (
                    SELECT coalesce(sum(remaining) FILTER (WHERE alive AND NOT pending_now), 0) usable,
                           coalesce(sum(remaining) FILTER (WHERE alive AND pending_now), 0) pending,
                           coalesce(sum(remaining) FILTER (WHERE alive AND expires_at <= ?2), 0) within30,
                           coalesce(sum(remaining) FILTER (WHERE alive AND expires_at <= ?3), 0) within90,
                           coalesce(sum(remaining) FILTER (WHERE NOT alive), 0) past_expiry
                    FROM (SELECT remaining, expires_at, (expires_at IS NULL OR expires_at > ?1) alive,
                                 (state = 'PENDING' AND available_from > ?1) pending_now
                          FROM lot WHERE state IN ('ACTIVE', 'PENDING')) l),
                reserved AS (SELECT coalesce(sum(reserved), 0) reserved FROM account)
                SELECT usable, reserved, pending, within30, within90, past_expiry FROM open, reserved""")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.plus(Duration.ofDays(30))))
                .setParameter(3, Timestamp.from(now.plus(Duration.ofDays(90))))
                .getSingleResult();
        BigDecimal reserved = money(row[1]);
        // Active lots hold what is available and what is reserved for unfinished redemptions and withdrawals.
        BigDecimal available = money(row[0]).subtract(reserved);
        BigDecimal pending = money(row[2]);
        return new Figures(available, reserved, pending, available.add(reserved).add(pending), money(row[3]),
                money(row[4]), money(row[5]));
    }

    static BigDecimal money(Object value) {
        return Money.exact(new BigDecimal(value.toString()));
    }
}
