package app.sarafan.common.idempotency;

import java.sql.Timestamp;

import app.sarafan.common.time.AppClock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Forgets Idempotency-Keys after their retention ({@link IdempotencyWindow}: 7 days by default, never less than
 * 24 hours; clients retry within minutes or hours). A key is replayed until the purge deletes it. Deleting is idempotent, so every instance may run it; it deletes in chunks to keep transactions short.
 */
@ApplicationScoped
public class IdempotencyRecordsPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyRecordsPurge.class);
    private static final int CHUNK = 5_000;

    private final EntityManager em;
    private final AppClock clock;
    private final IdempotencyWindow window;

    IdempotencyRecordsPurge(EntityManager em, AppClock clock, IdempotencyWindow window) {
        this.em = em;
        this.clock = clock;
        this.window = window;
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
            LOG.infof("Forgot %d Idempotency-Keys older than %s", total, window.retention());
        }
    }

    @Transactional
    public int purgeChunk() {
        return em.createNativeQuery("""
                        DELETE FROM idempotency_record WHERE ctid IN (
                            SELECT ctid FROM idempotency_record WHERE created_at < ?1 LIMIT ?2)""")
                .setParameter(1, Timestamp.from(window.forgetBefore(clock.now())))
                .setParameter(2, CHUNK)
                .executeUpdate();
    }
}
