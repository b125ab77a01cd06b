package app.sarafan.referral;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.SqlInstants;
import app.sarafan.member.DisplayName;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A member's network: counts per level and the members of one level, read from the closure table. */
@ApplicationScoped
public class ReferralNetwork {

    private final EntityManager em;
    private final MemberService members;

    ReferralNetwork(EntityManager em, MemberService members) {
        this.em = em;
        this.members = members;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public NetworkSummary summary(String externalId) {
        long root = members.ref(externalId).id();
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT depth, count(*), count(*) FILTER (WHERE descendant_paid)
                        FROM referral_closure WHERE ancestor_id = ?1 GROUP BY depth ORDER BY depth""")
                .setParameter(1, root).getResultList();
        List<NetworkLevel> levels = new ArrayList<>();
        long total = 0;
        for (Object[] row : rows) {
            NetworkLevel level = new NetworkLevel(((Number) row[0]).intValue(), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue());
            levels.add(level);
            total += level.members();
        }
        return new NetworkSummary(total, levels);
    }

    /** The page's ids come from the closure index first (materialized), so the joins touch only that page. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<NetworkMember> level(String externalId, int level, Integer limitParam, String cursor) {
        if (level < 1) {
            throw ProblemException.invalid("level", "must be 1 or more");
        }
        long root = members.ref(externalId).id();
        int limit = Cursor.limit(limitParam);
        List<Object[]> rows = em.createNativeQuery("""
                        WITH page AS MATERIALIZED (
                            SELECT descendant_id FROM referral_closure
                            WHERE ancestor_id = ?1 AND depth = ?2 AND descendant_id < ?3
                            ORDER BY descendant_id DESC LIMIT ?4)
                        SELECT c.descendant_id, m.name, m.external_id, m.registered_at, p.bound_at,
                               p.first_paid_at IS NOT NULL,
                               COALESCE((SELECT sum(t.amount) FROM ledger_transaction t
                                         WHERE t.account_id = ?1 AND t.referral_member_id = c.descendant_id), 0)
                        FROM page c
                        JOIN referral_profile p ON p.member_id = c.descendant_id
                        JOIN member m ON m.id = c.descendant_id
                        ORDER BY c.descendant_id DESC""")
                .setParameter(1, root).setParameter(2, level).setParameter(3, Cursor.decode(cursor))
                .setParameter(4, limit + 1).getResultList();
        List<NetworkMember> items = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(new NetworkMember(DisplayName.of((String) row[1], (String) row[2]), level,
                    SqlInstants.of(row[3]), SqlInstants.of(row[4]), (Boolean) row[5], Money.exact((BigDecimal) row[6])));
        }
        String next = rows.size() > limit ? Cursor.encode(((Number) rows.get(limit - 1)[0]).longValue()) : null;
        return new Page<>(items, next);
    }
}
