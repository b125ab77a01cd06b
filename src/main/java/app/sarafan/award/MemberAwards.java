package app.sarafan.award;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.config.ConfigurationCache;
import app.sarafan.common.config.ConfigurationSubject;
import app.sarafan.common.config.ConfigurationVersions;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import app.sarafan.rank.MemberMetrics;
import app.sarafan.rule.RuleDefinition.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Awards members hold. Each is held at most once: the (member, award) row is unique and inserted with ON CONFLICT
 * DO NOTHING, so a condition met again — or by two events at once — grants nothing more. A revoked award stays
 * revoked for automatic grants; only an administrator grants it again.
 */
@ApplicationScoped
public class MemberAwards {

    /** An award a figure earns, as evaluation compares it: kept in memory between transactions. */
    private record Threshold(String code, Metric metric, BigDecimal value) {
    }

    private final EntityManager em;
    private final MemberService members;
    private final MemberMetrics metrics;
    private final AppClock clock;
    private final AuditLog audit;
    private final ConfigurationCache<List<Threshold>> thresholds;

    MemberAwards(EntityManager em, MemberService members, MemberMetrics metrics, AppClock clock, AuditLog audit,
            ConfigurationVersions versions) {
        this.thresholds = new ConfigurationCache<>(versions, ConfigurationSubject.AWARDS);
        this.audit = audit;
        this.em = em;
        this.members = members;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Grants every active threshold award the member's figures reach; answers how many were new. */
    @Transactional
    public int evaluate(long memberId) {
        int granted = 0;
        for (Threshold award : thresholds.get(() -> Award.<Award>list("active = true and metric is not null")
                .stream().map(a -> new Threshold(a.code, a.metric, a.threshold)).toList())) {
            if (metrics.of(memberId, award.metric()).compareTo(award.value()) >= 0) {
                granted += grantOnce(memberId, award.code(), "system", "reached " + award.metric() + " "
                        + award.value().toPlainString()) ? 1 : 0;
            }
        }
        return granted;
    }

    /** An achievement rule naming an award grants it with the rule (once). Unknown or inactive awards: nothing. */
    void grantByRule(@jakarta.enterprise.event.Observes app.sarafan.earning.AchievementReached achievement) {
        Award award = Award.findById(achievement.awardCode());
        if (award != null && award.active) {
            grantOnce(achievement.memberId(), award.code, "rule", achievement.ruleName());
        }
    }

    @Transactional
    public MemberAwardView grant(String externalId, AwardGrant grant, String administrator) {
        long memberId = members.ref(externalId).id();
        Award award = Award.findById(grant.award());
        if (award == null) {
            throw ProblemException.invalid("award", "no award " + grant.award());
        }
        MemberAwardView before = heldAward(memberId, award.code);
        if (!grantOnce(memberId, award.code, administrator, grant.reason())) {
            int regranted = em.createNativeQuery("""
                            UPDATE member_award SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL,
                                granted_at = ?3, granted_by = ?4, reason = ?5
                            WHERE member_id = ?1 AND award_code = ?2 AND revoked_at IS NOT NULL""")
                    .setParameter(1, memberId).setParameter(2, award.code)
                    .setParameter(3, Timestamp.from(clock.now())).setParameter(4, administrator)
                    .setParameter(5, grant.reason()).executeUpdate();
            if (regranted == 0) {
                throw new ProblemException(Problem.of(ProblemType.DUPLICATE,
                        "The member already holds award " + award.code));
            }
        }
        MemberAwardView after = heldAward(memberId, award.code);
        audit.record(administrator, AuditAction.AWARD_GRANTED, AuditEntityType.MEMBER_AWARD,
                externalId + "/" + award.code, before, after);
        return after;
    }

    @Transactional
    public MemberAwardView revoke(String externalId, String code, AwardRevocation revocation, String administrator) {
        long memberId = members.ref(externalId).id();
        MemberAwardView before = heldAward(memberId, code);
        int revoked = em.createNativeQuery("""
                        UPDATE member_award SET revoked_at = ?3, revoked_by = ?4, revoke_reason = ?5
                        WHERE member_id = ?1 AND award_code = ?2 AND revoked_at IS NULL""")
                .setParameter(1, memberId).setParameter(2, code).setParameter(3, Timestamp.from(clock.now()))
                .setParameter(4, administrator).setParameter(5, revocation.reason()).executeUpdate();
        if (revoked == 0) {
            throw ProblemException.notFound("Award of the member", code);
        }
        MemberAwardView after = heldAward(memberId, code);
        audit.record(administrator, AuditAction.AWARD_REVOKED, AuditEntityType.MEMBER_AWARD, externalId + "/" + code,
                before, after);
        return after;
    }

    /** The member's row of one award, revoked or not; null when never granted. */
    private MemberAwardView heldAward(long memberId, String code) {
        return held(memberId, true).stream().filter(a -> a.code().equals(code)).findFirst().orElse(null);
    }

    /** The member's awards, newest first; revoked ones only when {@code withRevoked} (administrators). */
    @Transactional
    public List<MemberAwardView> of(String externalId, boolean withRevoked) {
        return held(members.ref(externalId).id(), withRevoked);
    }

    private boolean grantOnce(long memberId, String code, String by, String reason) {
        return em.createNativeQuery("""
                        INSERT INTO member_award (member_id, award_code, granted_at, granted_by, reason)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (member_id, award_code) DO NOTHING""")
                .setParameter(1, memberId).setParameter(2, code).setParameter(3, Timestamp.from(clock.now()))
                .setParameter(4, by).setParameter(5, reason == null ? null
                        : reason.length() > 500 ? reason.substring(0, 500) : reason)
                .executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private List<MemberAwardView> held(long memberId, boolean withRevoked) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT a.code, a.name, a.description, a.image_url, m.granted_at, m.granted_by, m.reason,
                               m.revoked_at, m.revoke_reason
                        FROM member_award m JOIN award a ON a.code = m.award_code
                        WHERE m.member_id = ?1 AND (?2 OR m.revoked_at IS NULL)
                        ORDER BY m.granted_at DESC, m.id DESC""")
                .setParameter(1, memberId).setParameter(2, withRevoked).getResultList();
        return rows.stream().map(r -> new MemberAwardView((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], instant(r[4]), (String) r[5], (String) r[6], instant(r[7]), (String) r[8])).toList();
    }

    private static Instant instant(Object value) {
        return app.sarafan.common.time.SqlInstants.of(value);
    }
}
