package app.sarafan.referral;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.money.Money;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** Computes {@link ReferralStats} for a member and a period ([from, to), open ends allowed). */
@ApplicationScoped
public class ReferralStatistics {

    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

    /**
     * A member's referral rewards in [?2, ?3) with the level of their network they came from: the rewards
     * themselves, and the reversals and voids that took (part of) one back, at the reward's level.
     */
    static final String REFERRAL_EARNINGS = """
            SELECT t.created_at, coalesce(t.referral_level, o.referral_level) AS level, t.amount
            FROM ledger_transaction t
            LEFT JOIN ledger_transaction o ON o.id = t.related_transaction_id AND t.kind IN ('REVERSAL', 'VOID')
            WHERE t.account_id = ?1 AND t.created_at >= ?2 AND t.created_at < ?3
              AND (t.referral_level IS NOT NULL OR o.referral_level IS NOT NULL)""";

    private final EntityManager em;
    private final MemberService members;

    ReferralStatistics(EntityManager em, MemberService members) {
        this.em = em;
        this.members = members;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public ReferralStats of(String externalId, Instant from, Instant to) {
        long me = members.ref(externalId).id();
        Timestamp start = Timestamp.from(from == null ? BEGINNING : from);
        Timestamp end = Timestamp.from(to == null ? END : to);
        long clicks = count("SELECT count(*) FROM visit WHERE referrer_id = ?1 AND created_at >= ?2 AND created_at < ?3",
                me, start, end);
        long registrations = count("""
                SELECT count(*) FROM referral_profile WHERE referrer_id = ?1 AND bound_at >= ?2 AND bound_at < ?3""",
                me, start, end);
        long paying = count("""
                SELECT count(*) FROM referral_profile
                WHERE referrer_id = ?1 AND first_paid_at >= ?2 AND first_paid_at < ?3""", me, start, end);
        List<Object[]> levels = em.createNativeQuery("SELECT level, sum(amount) FROM (" + REFERRAL_EARNINGS
                        + ") e GROUP BY level ORDER BY level")
                .setParameter(1, me).setParameter(2, start).setParameter(3, end).getResultList();
        List<ReferralStats.LevelEarnings> byLevel = levels.stream()
                .map(r -> new ReferralStats.LevelEarnings(((Number) r[0]).intValue(), Money.exact((BigDecimal) r[1])))
                .toList();
        BigDecimal earned = total(byLevel);
        return new ReferralStats(from, to, clicks, registrations, paying, percent(registrations, clicks),
                percent(paying, registrations), earned, byLevel);
    }

    /**
     * The same figures per interval of [from, to) in the member's time zone: one point for every interval, those
     * without activity too, so that a chart needs no gaps filled in. The first and last points cover only the part
     * of their interval inside the period.
     */
    @Transactional
    public List<ReferralStatsPoint> series(String externalId, Instant from, Instant to, StatsInterval interval,
            ZoneId zone) {
        long me = members.ref(externalId).id();
        Object[] params = {me, Timestamp.from(from), Timestamp.from(to), interval.sqlUnit(), zone.getId()};
        Map<LocalDate, Long> clicks = countsBy(bucketed("created_at")
                + ", count(*) FROM visit WHERE referrer_id = ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY 1",
                params);
        Map<LocalDate, Long> registrations = countsBy(bucketed("bound_at") + """
                , count(*) FROM referral_profile WHERE referrer_id = ?1 AND bound_at >= ?2 AND bound_at < ?3
                GROUP BY 1""", params);
        Map<LocalDate, Long> paying = countsBy(bucketed("first_paid_at") + """
                , count(*) FROM referral_profile WHERE referrer_id = ?1 AND first_paid_at >= ?2 AND first_paid_at < ?3
                GROUP BY 1""", params);
        Map<LocalDate, List<ReferralStats.LevelEarnings>> earned = new HashMap<>();
        for (Object[] row : rows(bucketed("created_at") + ", level, sum(amount) FROM (" + REFERRAL_EARNINGS
                + ") e GROUP BY 1, 2 ORDER BY 1, 2", params)) {
            earned.computeIfAbsent(date(row[0]), d -> new ArrayList<>())
                    .add(new ReferralStats.LevelEarnings(((Number) row[1]).intValue(), Money.exact((BigDecimal) row[2])));
        }
        List<ReferralStatsPoint> points = new ArrayList<>();
        for (LocalDate start = interval.start(from.atZone(zone).toLocalDate());
                start.atStartOfDay(zone).toInstant().isBefore(to); start = interval.next(start)) {
            List<ReferralStats.LevelEarnings> byLevel = earned.getOrDefault(start, List.of());
            points.add(new ReferralStatsPoint(start, clicks.getOrDefault(start, 0L),
                    registrations.getOrDefault(start, 0L), paying.getOrDefault(start, 0L), total(byLevel), byLevel));
        }
        return points;
    }

    private static String bucketed(String column) {
        return "SELECT CAST(date_trunc(?4, " + column + " AT TIME ZONE ?5) AS date)";
    }

    private Map<LocalDate, Long> countsBy(String sql, Object[] params) {
        Map<LocalDate, Long> counts = new HashMap<>();
        for (Object[] row : rows(sql, params)) {
            counts.put(date(row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object[] params) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            if (sql.contains("?" + (i + 1))) {
                query.setParameter(i + 1, params[i]);
            }
        }
        return query.getResultList();
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }

    private static BigDecimal total(List<ReferralStats.LevelEarnings> byLevel) {
        return byLevel.stream().map(ReferralStats.LevelEarnings::amount).reduce(Money.ZERO, BigDecimal::add);
    }

    private long count(String sql, long me, Timestamp start, Timestamp end) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, me).setParameter(2, start).setParameter(3, end)
                .getSingleResult()).longValue();
    }

    /** part / whole in percent, HALF_UP to 0.01; 0.00 when whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return Money.ZERO;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), Money.SCALE, RoundingMode.HALF_UP);
    }
}
