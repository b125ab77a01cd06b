package app.sarafan.referral;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.time.SqlInstants;
import app.sarafan.common.json.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The coupon format administrators set over the API (program setting "coupons"); until they do, the configured
 * defaults ({@code sarafan.referral.coupons.*}) apply as version 0. Read at every coupon creation, so a change takes
 * effect at once, on every instance.
 */
@ApplicationScoped
public class CouponFormats {

    static final String SETTING = "coupons";

    private final EntityManager em;
    private final StoredJson json;
    private final ReferralConfig config;
    private final AppClock clock;
    private final AuditLog audit;

    CouponFormats(EntityManager em, StoredJson json, ReferralConfig config, AppClock clock, AuditLog audit) {
        this.audit = audit;
        this.em = em;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public CouponFormatView current() {
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT value, version, updated_at, updated_by FROM program_setting WHERE name = ?1")
                .setParameter(1, SETTING).getResultList();
        if (rows.isEmpty()) {
            ReferralConfig.Coupons d = config.coupons();
            return new CouponFormatView(new CouponFormat(d.prefix(), d.length(), d.discountText(),
                    d.maxActivePerMember()), 0, null, null);
        }
        Object[] row = rows.get(0);
        return new CouponFormatView(json.read((String) row[0], CouponFormat.class), ((Number) row[1]).intValue(),
                SqlInstants.of(row[2]), (String) row[3]);
    }

    @Transactional
    public CouponFormatView update(Integer expectedVersion, CouponFormat format, String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "coupon format");
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('program_setting:coupons'))").getSingleResult();
        CouponFormatView current = current();
        IfMatch.matches(basedOn, current.version(), "coupon format");
        Instant now = clock.now();
        em.createNativeQuery("""
                        INSERT INTO program_setting (name, value, version, updated_at, updated_by)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .setParameter(1, SETTING).setParameter(2, json.write(format)).setParameter(3, current.version() + 1)
                .setParameter(4, Timestamp.from(now)).setParameter(5, administrator).executeUpdate();
        CouponFormatView updated = new CouponFormatView(format, current.version() + 1, now, administrator);
        audit.record(administrator, AuditAction.COUPON_FORMAT_UPDATED, AuditEntityType.COUPON_FORMAT, SETTING,
                current, updated);
        return updated;
    }
}
