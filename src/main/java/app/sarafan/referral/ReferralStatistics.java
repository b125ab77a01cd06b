package app.sarafan.referral;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.money.Money;
import app.sarafan.member.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Computes {@link ReferralStats} for a member and a period ([from, to), open ends allowed). */
@ApplicationScoped
public class ReferralStatistics {

    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

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
        List<Object[]> levels = em.createNativeQuery("""
                        SELECT referral_level, sum(amount) FROM ledger_transaction
                        WHERE account_id = ?1 AND referral_level IS NOT NULL AND created_at >= ?2 AND created_at < ?3
                        GROUP BY referral_level ORDER BY referral_level""")
                .setParameter(1, me).setParameter(2, start).setParameter(3, end).getResultList();
        List<ReferralStats.LevelEarnings> byLevel = levels.stream()
                .map(r -> new ReferralStats.LevelEarnings(((Number) r[0]).intValue(), Money.exact((BigDecimal) r[1])))
                .toList();
        BigDecimal earned = byLevel.stream().map(ReferralStats.LevelEarnings::amount).reduce(Money.ZERO, BigDecimal::add);
        return new ReferralStats(from, to, clicks, registrations, paying, percent(registrations, clicks),
                percent(paying, registrations), earned, byLevel);
    }

    private long count(String sql, long me, Timestamp start, Timestamp end) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, me).setParameter(2, start).setParameter(3, end)
                .getSingleResult()).longValue();
    }

    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return Money.ZERO;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), Money.SCALE, RoundingMode.HALF_UP);
    }
}
