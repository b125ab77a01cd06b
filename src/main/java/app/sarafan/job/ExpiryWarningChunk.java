package app.sarafan.job;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** One chunk of expiry warnings for one threshold window, in its own transaction (see {@link ExpiryWarnings}). */
@ApplicationScoped
class ExpiryWarningChunk {

    private final EntityManager em;

    ExpiryWarningChunk(EntityManager em) {
        this.em = em;
    }

    /** Answers {lots considered, emails queued}. */
    @Transactional
    long[] warn(int thresholdDays, Instant from, Instant to, Instant now, int accounts) {
        Object[] row = (Object[]) em.createNativeQuery("""
                WITH candidates AS (
                    SELECT DISTINCT account_id FROM (
                        SELECT l.account_id FROM lot l
                        WHERE l.state = 'ACTIVE' AND l.remaining > 0 AND l.expires_at > ?1 AND l.expires_at <= ?2
                          AND NOT EXISTS (SELECT 1 FROM expiry_warning w WHERE w.lot_id = l.id AND w.threshold_days = ?3)
                        LIMIT ?5) c),
                due AS (
                    SELECT l.id, l.account_id, l.remaining, l.expires_at FROM lot l
                    JOIN candidates c ON c.account_id = l.account_id
                    WHERE l.state = 'ACTIVE' AND l.remaining > 0 AND l.expires_at > ?1 AND l.expires_at <= ?2
                      AND NOT EXISTS (SELECT 1 FROM expiry_warning w WHERE w.lot_id = l.id AND w.threshold_days = ?3)),
                marked AS (
                    INSERT INTO expiry_warning (lot_id, threshold_days, warned_at)
                    SELECT id, ?3, ?4 FROM due ON CONFLICT DO NOTHING
                    RETURNING lot_id),
                queued AS (
                    INSERT INTO notification (member_id, kind, payload, created_at)
                    SELECT d.account_id, 'EXPIRY_WARNING',
                        json_build_object('amount', sum(d.remaining)::text,
                            'expiresAt', to_char(min(d.expires_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                            'thresholdDays', ?3)::text, ?4
                    FROM due d JOIN marked m ON m.lot_id = d.id
                    GROUP BY d.account_id
                    RETURNING 1)
                SELECT (SELECT count(*) FROM due), (SELECT count(*) FROM queued)""")
                .setParameter(1, Timestamp.from(from))
                .setParameter(2, Timestamp.from(to))
                .setParameter(3, thresholdDays)
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, accounts)
                .getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }
}
