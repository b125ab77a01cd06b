package app.sarafan.common.idempotency;

import java.sql.Timestamp;
import java.time.Duration;

import app.sarafan.common.time.AppClock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets Idempotency-Keys after their retention (7 days by default; clients retry within minutes or hours).
 * Deleting is idempotent, so every instance may run it; it deletes in chunks to keep transactions short.
 */
@ApplicationScoped
public class IdempotencyRecordsPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyRecordsPurge.class);
    private static final int CHUNK = 5_000;

    private final EntityManager em;
    private final AppClock clock;
    private final Duration retention;

    IdempotencyRecordsPurge(EntityManager em, AppClock clock,
            @ConfigProperty(name = "sarafan.idempotency.retention", defaultValue = "P7D") Duration retention) {
        this.em = em;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(every = "${sarafan.idempotency.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = purgeChunk();
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) {
            LOG.infof("Forgot %d Idempotency-Keys older than %s", total, retention);
        }
    }

    @Transactional
    public int purgeChunk() {
        return em.createNativeQuery("""
                        DELETE FROM idempotency_record WHERE ctid IN (
                            SELECT ctid FROM idempotency_record WHERE created_at < ?1 LIMIT ?2)""")
                .setParameter(1, Timestamp.from(clock.now().minus(retention)))
                .setParameter(2, CHUNK)
                .executeUpdate();
    }
}
