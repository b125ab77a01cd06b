package app.sarafan.referral;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.time.SqlInstants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json;
    private final ReferralConfig config;
    private final AppClock clock;

    CouponFormats(EntityManager em, ObjectMapper json, ReferralConfig config, AppClock clock) {
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
        return new CouponFormatView(parse((String) row[0]), ((Number) row[1]).intValue(), SqlInstants.of(row[2]),
                (String) row[3]);
    }

    @Transactional
    public CouponFormatView update(Integer expectedVersion, CouponFormat format, String administrator) {
        if (expectedVersion == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the coupon format you edited");
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('program_setting:coupons'))").getSingleResult();
        CouponFormatView current = current();
        if (current.version() != expectedVersion) {
            throw new ProblemException(Problem.of(ProblemType.PRECONDITION_FAILED, "The coupon format is at version "
                    + current.version() + ", not " + expectedVersion).with("currentVersion", current.version()));
        }
        Instant now = clock.now();
        em.createNativeQuery("""
                        INSERT INTO program_setting (name, value, version, updated_at, updated_by)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .setParameter(1, SETTING).setParameter(2, serialize(format)).setParameter(3, current.version() + 1)
                .setParameter(4, Timestamp.from(now)).setParameter(5, administrator).executeUpdate();
        return new CouponFormatView(format, current.version() + 1, now, administrator);
    }

    private CouponFormat parse(String value) {
        try {
            return json.readValue(value, CouponFormat.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored coupon format cannot be read", e);
        }
    }

    private String serialize(CouponFormat format) {
        try {
            return json.writeValueAsString(format);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
