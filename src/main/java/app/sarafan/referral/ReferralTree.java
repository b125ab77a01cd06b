package app.sarafan.referral;

import java.util.List;

import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.tx.TransactionMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The referral tree kept as a closure table (every ancestor–descendant pair with its level). Attaching a member
 * (and the subtree they may already have) under a referrer adds the cross product of the referrer's upline and
 * the member's subtree; detaching removes it. Reads never walk the tree.
 */
@ApplicationScoped
public class ReferralTree {

    /** One ancestor of a member and the level the member is at in that ancestor's network (1 = direct). */
    public record Upline(long memberId, int level) {
    }

    /** Uplines read in this transaction, by member: an order-paid event needs the buyer's several times. */
    private static final Object UPLINES = new Object();

    private static final int PREFETCHED_LEVELS = 5;

    private record Read(int levels, List<Upline> upline) {
    }

    private final EntityManager em;
    private final TransactionMemo memo;

    ReferralTree(EntityManager em, TransactionMemo memo) {
        this.em = em;
        this.memo = memo;
    }

    boolean isInSubtreeOf(long candidate, long root) {
        return candidate == root || !em.createNativeQuery(
                        "SELECT 1 FROM referral_closure WHERE ancestor_id = ?1 AND descendant_id = ?2")
                .setParameter(1, root).setParameter(2, candidate).getResultList().isEmpty();
    }

    void attach(long member, long referrer) {
        memo.forget(UPLINES);
        em.createNativeQuery("""
                        INSERT INTO referral_closure (ancestor_id, descendant_id, depth, descendant_paid)
                        SELECT up.id, down.id, up.depth + down.depth + 1, p.first_paid_at IS NOT NULL
                        FROM (SELECT CAST(?1 AS BIGINT) AS id, 0 AS depth
                              UNION ALL SELECT ancestor_id, depth FROM referral_closure WHERE descendant_id = ?1) up
                        CROSS JOIN (SELECT CAST(?2 AS BIGINT) AS id, 0 AS depth
                              UNION ALL SELECT descendant_id, depth FROM referral_closure WHERE ancestor_id = ?2) down
                        JOIN referral_profile p ON p.member_id = down.id""")
                .setParameter(1, referrer).setParameter(2, member).executeUpdate();
    }

    void detach(long member) {
        memo.forget(UPLINES);
        em.createNativeQuery("""
                        DELETE FROM referral_closure c
                        WHERE (c.descendant_id = ?1 OR c.descendant_id IN
                                  (SELECT descendant_id FROM referral_closure WHERE ancestor_id = ?1))
                          AND c.ancestor_id IN (SELECT ancestor_id FROM referral_closure WHERE descendant_id = ?1)""")
                .setParameter(1, member).executeUpdate();
    }

    /**
     * Records a member's first payment (the earning engine calls this when an order is paid): once, and in every
     * closure row that counts them in someone's network. Answers whether this was the member's first payment.
     */
    @jakarta.transaction.Transactional
    public boolean markFirstPayment(long member, java.time.Instant paidAt) {
        int first = Jdbc.update(em,
                "UPDATE referral_profile SET first_paid_at = ? WHERE member_id = ? AND first_paid_at IS NULL",
                paidAt, member);
        if (first == 1) {
            Jdbc.update(em, "UPDATE referral_closure SET descendant_paid = TRUE WHERE descendant_id = ?", member);
        }
        return first == 1;
    }

    /** The member's referrer, their referrer, ... up to {@code levels} levels (for per-level rewards). */
    public List<Upline> upline(long member, int levels) {
        java.util.Map<Long, Read> reads = memo.get(UPLINES, java.util.HashMap::new);
        Read read = reads.get(member);
        if (read == null || read.levels() < levels) {
            // Read deep enough at once for every level a referral rule is likely to pay.
            int depth = Math.max(levels, PREFETCHED_LEVELS);
            read = new Read(depth, readUpline(member, depth));
            reads.put(member, read);
        }
        return read.levels() == levels ? read.upline()
                : read.upline().stream().filter(u -> u.level() <= levels).toList();
    }

    private List<Upline> readUpline(long member, int levels) {
        return Jdbc.list(em, """
                        SELECT ancestor_id, depth FROM referral_closure
                        WHERE descendant_id = ? AND depth <= ? ORDER BY depth""",
                row -> new Upline(row.getLong(1), row.getInt(2)), member, levels);
    }
}
