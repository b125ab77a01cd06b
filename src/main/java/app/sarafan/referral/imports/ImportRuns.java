package app.sarafan.referral.imports;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.lease.LeaseLost;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.json.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The bookkeeping of running imports, safe with several instances. An instance claims a QUEUED import, or a
 * RUNNING one whose lease ran out (its instance died), with {@code FOR UPDATE SKIP LOCKED}, so two instances never
 * claim the same one. Every row renews the lease and records its outcome with the counters in the transaction that
 * does its work, guarded by the owner and by the row still being PENDING: a row is counted once even if a stalled
 * instance wakes up after its import was taken over. Leases are measured in database time, the one clock all instances share.
 */
@ApplicationScoped
class ImportRuns {

    /** An import this instance holds, and the administrator whose name goes on its ledger transactions. */
    record Claim(long importId, String actor) {
    }

    /** A row waiting to run, in processing order. */
    record PendingRow(int position, int number, ImportRow data) {
    }

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final ImportConfig config;

    ImportRuns(EntityManager em, StoredJson json, AppClock clock, ImportConfig config) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Optional<Claim> claim(String owner) {
        List<Object[]> claimed = em.createNativeQuery("""
                        UPDATE member_import SET status = 'RUNNING', owner = ?1,
                               lease_until = clock_timestamp() + CAST(?2 AS DOUBLE PRECISION) * INTERVAL '1 millisecond',
                               started_at = COALESCE(started_at, ?3)
                        WHERE id = (SELECT id FROM member_import
                                    WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < clock_timestamp())
                                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, created_by""")
                .setParameter(1, owner).setParameter(2, config.lease().toMillis())
                .setParameter(3, Timestamp.from(clock.now())).getResultList();
        return claimed.stream().findFirst().map(r -> new Claim(((Number) r[0]).longValue(), (String) r[1]));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<PendingRow> pending(long importId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT position, row_number, data FROM member_import_row
                        WHERE import_id = ?1 AND status = 'PENDING' ORDER BY position LIMIT ?2""")
                .setParameter(1, importId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new PendingRow(((Number) r[0]).intValue(), ((Number) r[1]).intValue(),
                json.read((String) r[2], ImportRow.class))).toList();
    }

    /** Renews the lease inside the transaction running a row, which then holds the import's lock until it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    void holdLease(long importId, String owner) {
        int held = em.createNativeQuery("""
                        UPDATE member_import SET lease_until = clock_timestamp() + CAST(?3 AS DOUBLE PRECISION) * INTERVAL '1 millisecond'
                        WHERE id = ?1 AND owner = ?2 AND status = 'RUNNING'""")
                .setParameter(1, importId).setParameter(2, owner).setParameter(3, config.lease().toMillis())
                .executeUpdate();
        if (held == 0) {
            throw new LeaseLost("Import " + importId);
        }
    }

    /** Writes a row's outcome and counts it, in the transaction that did (or undid) the row's work. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(long importId, int position, RowStatus status, List<FieldError> errors) {
        int updated = em.createNativeQuery("""
                        UPDATE member_import_row SET status = ?3, errors = ?4
                        WHERE import_id = ?1 AND position = ?2 AND status = 'PENDING'""")
                .setParameter(1, importId).setParameter(2, position).setParameter(3, status.name())
                .setParameter(4, errors.isEmpty() ? null : json.write(errors)).executeUpdate();
        if (updated == 0) {
            throw new LeaseLost("Import " + importId);
        }
        String counter = switch (status) {
            case IMPORTED -> "imported";
            case SKIPPED -> "skipped";
            case REJECTED -> "rejected";
            case PENDING -> throw new IllegalArgumentException("A row is not recorded as PENDING");
        };
        em.createNativeQuery("UPDATE member_import SET " + counter + " = " + counter + " + 1 WHERE id = ?1")
                .setParameter(1, importId).executeUpdate();
    }

    /** A rejected row's own transaction rolled back; its outcome is recorded in a new one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void reject(long importId, String owner, PendingRow row, List<FieldError> errors) {
        holdLease(importId, owner);
        record(importId, row.position(), RowStatus.REJECTED, errors);
    }

    /** Completes the import when no row is left to run; false when this instance no longer holds it. */
    @Transactional
    boolean complete(long importId, String owner) {
        return finish(importId, owner, "COMPLETED", null) > 0;
    }

    @Transactional
    void fail(long importId, String owner, String failure) {
        finish(importId, owner, "FAILED", failure);
    }

    /** Lets another instance take the import over at once, when this one stops. */
    @Transactional
    void release(long importId, String owner) {
        em.createNativeQuery("""
                        UPDATE member_import SET owner = NULL, lease_until = clock_timestamp()
                        WHERE id = ?1 AND owner = ?2 AND status = 'RUNNING'""")
                .setParameter(1, importId).setParameter(2, owner).executeUpdate();
    }

    private int finish(long importId, String owner, String status, String failure) {
        return em.createNativeQuery("""
                        UPDATE member_import SET status = ?3, failure = ?4, finished_at = ?5, owner = NULL,
                               lease_until = NULL
                        WHERE id = ?1 AND owner = ?2 AND status = 'RUNNING'
                          AND (?3 = 'FAILED' OR NOT EXISTS (SELECT 1 FROM member_import_row
                                                            WHERE import_id = ?1 AND status = 'PENDING'))""")
                .setParameter(1, importId).setParameter(2, owner).setParameter(3, status)
                .setParameter(4, failure).setParameter(5, Timestamp.from(clock.now())).executeUpdate();
    }
}
