package app.sarafan.rank;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import app.sarafan.common.config.ConfigurationCache;
import app.sarafan.common.config.ConfigurationSubject;
import app.sarafan.common.config.ConfigurationVersions;
import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import app.sarafan.rule.RuleDefinition.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which rank a member holds. A recalculation locks the member's rank row, measures their lifetime figures and moves
 * them to the highest rank they qualify for — up at once, down only as the demotion setting allows — writing one
 * history entry and one RANK_CHANGED event (for the email and the webhook) per change.
 */
@ApplicationScoped
public class MemberStanding {

    /** Why a rank was recalculated. */
    public enum Cause {
        EVENT, NIGHTLY, MANUAL
    }

    private final EntityManager em;
    private final ConfigurationCache<List<RankTier>> tiers;
    private final MemberMetrics metrics;
    private final MemberService members;
    private final DomainEvents events;
    private final RankConfig config;
    private final AppClock clock;

    MemberStanding(EntityManager em, MemberMetrics metrics, MemberService members, DomainEvents events,
            RankConfig config, AppClock clock, ConfigurationVersions versions) {
        this.em = em;
        this.tiers = new ConfigurationCache<>(versions, ConfigurationSubject.RANKS);
        this.metrics = metrics;
        this.members = members;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** The member's current rank code, or null (what rank conditions of rules look at). */
    @Transactional
    public String rankOf(long memberId) {
        List<?> rows = em.createNativeQuery("SELECT rank_code FROM member_rank WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Moves the member to the rank their figures earn; answers whether the rank changed. */
    @Transactional
    public boolean recalculate(long memberId, Cause cause) {
        List<RankTier> ranks = tiers.get(
                () -> Rank.<Rank>list("order by position desc").stream().map(RankTier::of).toList());
        // Ranks are never deleted and member_rank.rank_code references one: with none defined nobody holds one.
        if (ranks.isEmpty()) {
            return false;
        }
        Instant now = clock.now();
        em.createNativeQuery("""
                        INSERT INTO member_rank (member_id, rank_code, since) VALUES (?1, NULL, ?2)
                        ON CONFLICT (member_id) DO NOTHING""")
                .setParameter(1, memberId).setParameter(2, Timestamp.from(now)).executeUpdate();
        String current = (String) em.createNativeQuery(
                        "SELECT rank_code FROM member_rank WHERE member_id = ?1 FOR UPDATE")
                .setParameter(1, memberId).getSingleResult();
        MemberRankView.Figures figures = figures(memberId);
        RankTier earned = ranks.stream().filter(r -> r.reachedWith(figures)).findFirst().orElse(null);
        String target = earned == null ? null : earned.code();
        if (Objects.equals(target, current)) {
            return false;
        }
        if (!up(current, earned, ranks) && !demotionAllowed(cause)) {
            return false;
        }
        em.createNativeQuery("UPDATE member_rank SET rank_code = ?2, since = ?3 WHERE member_id = ?1")
                .setParameter(1, memberId).setParameter(2, target).setParameter(3, Timestamp.from(now))
                .executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO rank_change (member_id, from_rank, to_rank, cause, changed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, memberId).setParameter(2, current).setParameter(3, target)
                .setParameter(4, cause.name()).setParameter(5, Timestamp.from(now)).executeUpdate();
        java.util.HashMap<String, Object> payload = new java.util.HashMap<>();
        payload.put("from", current);
        payload.put("to", target);
        payload.put("toName", earned == null ? null : earned.name());
        payload.put("fromName", ranks.stream().filter(r -> r.code().equals(current)).map(RankTier::name)
                .findFirst().orElse(null));
        payload.put("cause", cause.name());
        events.publish(DomainEventType.RANK_CHANGED, memberId, payload);
        return true;
    }

    @Transactional
    public MemberRankView view(String externalId) {
        long memberId = members.ref(externalId).id();
        List<Object[]> rows = em.createNativeQuery("SELECT rank_code, since FROM member_rank WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList();
        String code = rows.isEmpty() ? null : (String) rows.get(0)[0];
        Instant since = rows.isEmpty() || code == null ? null : app.sarafan.common.time.SqlInstants.of(rows.get(0)[1]);
        Rank rank = code == null ? null : Rank.findById(code);
        MemberRankView.Figures figures = figures(memberId);
        int position = rank == null ? -1 : rank.position;
        Optional<Rank> next = Rank.<Rank>list("position > ?1 order by position", position).stream().findFirst();
        return new MemberRankView(externalId, code, rank == null ? null : rank.name, since, figures,
                next.map(n -> new MemberRankView.Next(n.code, n.name,
                        missing(n.minTotalPaid, figures.totalPaid()),
                        n.minPayingReferrals == null ? null
                                : Math.max(0, n.minPayingReferrals - figures.payingReferrals()),
                        missing(n.minBonusesEarned, figures.bonusesEarned()))).orElse(null));
    }

    @Transactional
    public Page<RankChangeView> history(String externalId, Integer limit, String cursor) {
        long memberId = members.ref(externalId).id();
        int size = Cursor.limit(limit);
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, from_rank, to_rank, cause, changed_at FROM rank_change
                        WHERE member_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3""")
                .setParameter(1, memberId).setParameter(2, Cursor.decode(cursor)).setParameter(3, size + 1)
                .getResultList();
        List<RankChangeView> items = rows.stream().limit(size).map(r -> new RankChangeView(String.valueOf(r[0]),
                (String) r[1], (String) r[2], (String) r[3], app.sarafan.common.time.SqlInstants.of(r[4]))).toList();
        return new Page<>(items, rows.size() > size
                ? Cursor.encode(((Number) rows.get(size - 1)[0]).longValue()) : null);
    }

    private MemberRankView.Figures figures(long memberId) {
        return new MemberRankView.Figures(metrics.of(memberId, Metric.TOTAL_SPENT).setScale(2,
                java.math.RoundingMode.HALF_UP), metrics.of(memberId, Metric.PAYING_REFERRALS).intValue(),
                metrics.of(memberId, Metric.BONUSES_EARNED).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    private static boolean up(String current, RankTier earned, List<RankTier> ranks) {
        if (earned == null) {
            return false;
        }
        int from = ranks.stream().filter(r -> r.code().equals(current)).mapToInt(RankTier::position).findFirst()
                .orElse(Integer.MIN_VALUE);
        return earned.position() > from;
    }

    private boolean demotionAllowed(Cause cause) {
        return switch (config.demotion()) {
            case NEVER -> false;
            case IMMEDIATE -> true;
            case NIGHTLY -> cause != Cause.EVENT;
        };
    }

    private static BigDecimal missing(BigDecimal threshold, BigDecimal figure) {
        return threshold == null ? null : threshold.subtract(figure).max(BigDecimal.ZERO).setScale(2);
    }
}
