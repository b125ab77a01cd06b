package app.sarafan.ledger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The ledger's one invariant, stated once. For every account:
 * <ol>
 *   <li>each part of the balance equals the sum of that part's changes over the account's transactions
 *       (so the total equals the sum of all transaction amounts);</li>
 *   <li>pending equals what is left of its PENDING lots, and the ACTIVE lots hold exactly the available part
 *       that is not a debt, plus what is reserved;</li>
 *   <li>every lot's remaining equals its amount plus its movements, and never goes below zero.</li>
 * </ol>
 * Tests assert it after every test; it returns one line per violation.
 */
@ApplicationScoped
public class LedgerInvariant {

    private final EntityManager em;

    LedgerInvariant(EntityManager em) {
        this.em = em;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        List<Object[]> parts = em.createNativeQuery("""
                SELECT a.member_id, a.available, a.pending, a.reserved,
                       COALESCE(SUM(t.amount - t.pending_change - t.reserved_change), 0),
                       COALESCE(SUM(t.pending_change), 0), COALESCE(SUM(t.reserved_change), 0)
                FROM account a LEFT JOIN ledger_transaction t ON t.account_id = a.member_id
                GROUP BY a.member_id
                HAVING a.available <> COALESCE(SUM(t.amount - t.pending_change - t.reserved_change), 0)
                    OR a.pending <> COALESCE(SUM(t.pending_change), 0)
                    OR a.reserved <> COALESCE(SUM(t.reserved_change), 0)""").getResultList();
        parts.forEach(r -> violations.add("account " + r[0] + ": parts (" + r[1] + ", " + r[2] + ", " + r[3]
                + ") differ from its transactions (" + r[4] + ", " + r[5] + ", " + r[6] + ")"));
        List<Object[]> lots = em.createNativeQuery("""
                SELECT a.member_id, a.available, a.pending, a.reserved,
                       COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'ACTIVE'), 0),
                       COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'PENDING'), 0)
                FROM account a LEFT JOIN lot l ON l.account_id = a.member_id
                GROUP BY a.member_id
                HAVING COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'ACTIVE'), 0)
                           <> GREATEST(a.available, 0) + a.reserved
                    OR COALESCE(SUM(l.remaining) FILTER (WHERE l.state = 'PENDING'), 0) <> a.pending""")
                .getResultList();
        lots.forEach(r -> violations.add("account " + r[0] + ": active lots " + r[4] + " and pending lots " + r[5]
                + " do not match available " + r[1] + ", reserved " + r[3] + ", pending " + r[2]));
        List<Object[]> movements = em.createNativeQuery("""
                SELECT l.id, l.amount, l.remaining, COALESCE(SUM(m.amount), 0)
                FROM lot l LEFT JOIN lot_movement m ON m.lot_id = l.id
                GROUP BY l.id
                HAVING l.remaining <> l.amount + COALESCE(SUM(m.amount), 0) OR l.remaining < 0
                    OR (l.state IN ('SPENT', 'EXPIRED', 'VOIDED') AND l.remaining <> 0)""").getResultList();
        movements.forEach(r -> violations.add("lot " + r[0] + ": remaining " + r[2] + " is not amount " + r[1]
                + " + movements " + r[3]));
        return violations;
    }
}
