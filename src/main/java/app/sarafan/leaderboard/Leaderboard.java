package app.sarafan.leaderboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Ranks referrers from leaderboard_score, into which the changes that triggers queue are folded before reading
 * (see V11__insights_and_promo.sql and V16__leaderboard_deltas.sql): the top is one index range scan, and a member's position is one plus the number
 * of members with a strictly better score, counted over the same index. Members with nothing in the period are
 * not ranked.
 */
@ApplicationScoped
public class Leaderboard {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private final EntityManager em;
    private final MemberService members;
    private final AppClock clock;
    private final LeaderboardFold fold;

    Leaderboard(EntityManager em, MemberService members, AppClock clock, LeaderboardFold fold) {
        this.em = em;
        this.fold = fold;
        this.members = members;
        this.clock = clock;
    }

    /** The top {@code limit}, and, when {@code externalId} is given, that member's own entry wherever it is. */
    @Transactional
    @SuppressWarnings("unchecked")
    public LeaderboardView top(LeaderboardMetric metric, LeaderboardPeriod period, int limit, String externalId) {
        Long me = externalId == null ? null : members.ref(externalId).id();
        fold.fold();
        LocalDate start = period.start(LocalDate.ofInstant(clock.now(), ZoneOffset.UTC));
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT s.member_id, s.paying_referrals, s.earned, m.name, m.external_id, p.visibility,
                               p.display_name
                        FROM leaderboard_score s
                        JOIN member m ON m.id = s.member_id
                        LEFT JOIN leaderboard_profile p ON p.member_id = s.member_id
                        WHERE s.period_kind = ?1 AND s.period_start = ?2 AND s.%1$s > 0
                        ORDER BY s.%1$s DESC, s.member_id
                        LIMIT ?3""".formatted(metric.column))
                .setParameter(1, period.name()).setParameter(2, start).setParameter(3, limit).getResultList();
        List<LeaderboardEntry> entries = new ArrayList<>();
        LeaderboardEntry mine = null;
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            int position = i > 0 && score(metric, row).compareTo(score(metric, rows.get(i - 1))) == 0
                    ? entries.get(i - 1).position() : i + 1;
            boolean you = me != null && me == ((Number) row[0]).longValue();
            LeaderboardEntry entry = new LeaderboardEntry(position, name(row), ((Number) row[1]).longValue(),
                    Money.exact((BigDecimal) row[2]), you);
            entries.add(entry);
            if (you) {
                mine = entry;
            }
        }
        if (me != null && mine == null) {
            mine = outsideTheTop(metric, period, start, me);
        }
        return new LeaderboardView(metric, period,
                period == LeaderboardPeriod.ALL_TIME ? null : start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                period.end(start), entries, mine);
    }

    @SuppressWarnings("unchecked")
    private LeaderboardEntry outsideTheTop(LeaderboardMetric metric, LeaderboardPeriod period, LocalDate start,
            long me) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT s.member_id, s.paying_referrals, s.earned, m.name, m.external_id, p.visibility,
                               p.display_name
                        FROM member m
                        LEFT JOIN leaderboard_score s
                               ON s.member_id = m.id AND s.period_kind = ?1 AND s.period_start = ?2
                        LEFT JOIN leaderboard_profile p ON p.member_id = m.id
                        WHERE m.id = ?3""")
                .setParameter(1, period.name()).setParameter(2, start).setParameter(3, me).getResultList();
        Object[] row = rows.get(0);
        long paying = row[1] == null ? 0 : ((Number) row[1]).longValue();
        BigDecimal earned = row[2] == null ? Money.ZERO : Money.exact((BigDecimal) row[2]);
        Integer position = null;
        BigDecimal score = metric == LeaderboardMetric.PAYING_REFERRALS ? BigDecimal.valueOf(paying) : earned;
        if (score.signum() > 0) {
            long better = ((Number) em.createNativeQuery("""
                            SELECT count(*) FROM leaderboard_score
                            WHERE period_kind = ?1 AND period_start = ?2 AND %s > ?3""".formatted(metric.column))
                    .setParameter(1, period.name()).setParameter(2, start).setParameter(3, score)
                    .getSingleResult()).longValue();
            position = Math.toIntExact(better + 1);
        }
        return new LeaderboardEntry(position, name(row), paying, earned, true);
    }

    private static BigDecimal score(LeaderboardMetric metric, Object[] row) {
        Object value = metric == LeaderboardMetric.PAYING_REFERRALS ? row[1] : row[2];
        return new BigDecimal(value.toString());
    }

    private static String name(Object[] row) {
        Visibility visibility = row[5] == null ? null : Visibility.valueOf((String) row[5]);
        return LeaderboardPrivacy.shownAs(visibility, (String) row[6], (String) row[3], (String) row[4]);
    }
}
