package app.sarafan.massop;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.sarafan.common.json.StoredJson;
import app.sarafan.common.lease.LeaseLost;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * The bookkeeping of running operations, safe with several instances, on the pattern of the imports': an instance
 * claims a QUEUED operation, or a RUNNING or CANCELLING one whose lease ran out, with {@code FOR UPDATE SKIP
 * LOCKED}; every chunk renews the lease and records its members' outcomes and the counters in the transaction that
 * does its work, guarded by the owner and by the items still being PENDING, so a chunk is counted once even if a
 * stalled instance wakes up after its operation was taken over. Leases are measured in database time.
 */
@ApplicationScoped
class MassOperationRuns {

    /** An operation this instance holds, with what each of its chunks needs to know. */
    record Claim(long operationId, MassOperationType type, BigDecimal amount, String reason, Instant availableFrom,
            Instant expiresAt, boolean includesBlocked, String actor) {
    }

    /** A member waiting for its turn. */
    record PendingItem(int seq, long memberId, boolean blocked) {
    }

    /** The outcome of one member, written with the chunk. */
    record Outcome(int seq, ItemStatus status, ItemReason reason, String detail, Long transactionId) {
    }

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final MassOperationConfig config;

    MassOperationRuns(EntityManager em, StoredJson json, AppClock clock, MassOperationConfig config) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Optional<Claim> claim(String owner) {
        List<Number> claimed = em.createNativeQuery("""
                        UPDATE mass_operation
                        SET status = CASE status WHEN 'CANCELLING' THEN 'CANCELLING' ELSE 'RUNNING' END, owner = ?1,
                            lease_until = clock_timestamp() + CAST(?2 AS DOUBLE PRECISION) * INTERVAL '1 millisecond',
                            started_at = COALESCE(started_at, ?3)
                        WHERE id = (SELECT id FROM mass_operation
                                    WHERE status = 'QUEUED'
                                       OR (status IN ('RUNNING', 'CANCELLING') AND lease_until < clock_timestamp())
                                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id""")
                .setParameter(1, owner).setParameter(2, config.lease().toMillis())
                .setParameter(3, Timestamp.from(clock.now())).getResultList();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        MassOperation o = MassOperation.findById(claimed.get(0).longValue());
        MemberFilter filter = json.read(o.selection, MemberFilter.class);
        boolean includesBlocked = filter != null && Boolean.TRUE.equals(filter.blocked());
        return Optional.of(new Claim(o.id, o.type, o.amount, o.reason, o.availableFrom, o.expiresAt,
                includesBlocked, o.createdBy));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<PendingItem> pending(long operationId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT i.seq, i.member_id, m.status = 'BLOCKED' FROM mass_operation_item i
                        JOIN member m ON m.id = i.member_id
                        WHERE i.operation_id = ?1 AND i.status = 'PENDING' ORDER BY i.seq LIMIT ?2""")
                .setParameter(1, operationId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new PendingItem(((Number) r[0]).intValue(), ((Number) r[1]).longValue(),
                (Boolean) r[2])).toList();
    }

    /**
     * Renews the lease inside a chunk's transaction, which then holds the operation's row until it commits (a
     * cancel waits for it). Answers false when a cancel was asked for: the chunk must not run.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    boolean holdLease(long operationId, String owner) {
        List<String> status = em.createNativeQuery("""
                        UPDATE mass_operation SET lease_until = clock_timestamp() + CAST(?3 AS DOUBLE PRECISION) * INTERVAL '1 millisecond'
                        WHERE id = ?1 AND owner = ?2 AND status IN ('RUNNING', 'CANCELLING') RETURNING status""")
                .setParameter(1, operationId).setParameter(2, owner).setParameter(3, config.lease().toMillis())
                .getResultList();
        if (status.isEmpty()) {
            throw new LeaseLost("Mass operation " + operationId);
        }
        return MassOperationStatus.RUNNING.name().equals(status.get(0));
    }

    /** Writes the outcomes of a chunk and counts them, in the transaction that did the chunk's work. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(long operationId, List<Outcome> outcomes) {
        Integer[] seqs = outcomes.stream().map(Outcome::seq).toArray(Integer[]::new);
        String[] statuses = outcomes.stream().map(o -> o.status().name()).toArray(String[]::new);
        String[] reasons = outcomes.stream().map(o -> o.reason() == null ? null : o.reason().name())
                .toArray(String[]::new);
        String[] details = outcomes.stream().map(Outcome::detail).toArray(String[]::new);
        Long[] transactions = outcomes.stream().map(Outcome::transactionId).toArray(Long[]::new);
        int updated = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE mass_operation_item i
                    SET status = v.status, reason = v.reason, detail = v.detail, transaction_id = v.transaction_id
                    FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                         AS v(seq, status, reason, detail, transaction_id)
                    WHERE i.operation_id = ? AND i.seq = v.seq AND i.status = 'PENDING'""")) {
                update.setArray(1, connection.createArrayOf("integer", seqs));
                update.setArray(2, connection.createArrayOf("text", statuses));
                update.setArray(3, connection.createArrayOf("text", reasons));
                update.setArray(4, connection.createArrayOf("text", details));
                update.setArray(5, connection.createArrayOf("bigint", transactions));
                update.setLong(6, operationId);
                return update.executeUpdate();
            }
        });
        if (updated != outcomes.size()) {
            throw new LeaseLost("Mass operation " + operationId);
        }
        em.createNativeQuery("""
                        UPDATE mass_operation SET done = done + ?2, failed = failed + ?3, skipped = skipped + ?4
                        WHERE id = ?1""")
                .setParameter(1, operationId).setParameter(2, count(outcomes, ItemStatus.DONE))
                .setParameter(3, count(outcomes, ItemStatus.FAILED))
                .setParameter(4, count(outcomes, ItemStatus.SKIPPED)).executeUpdate();
    }

    /** A member whose own transaction failed unexpectedly; recorded in a new transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void failOne(long operationId, String owner, int seq, String detail) {
        holdLease(operationId, owner);
        record(operationId, List.of(new Outcome(seq, ItemStatus.FAILED, ItemReason.ERROR, detail, null)));
    }

    /** Completes the operation when no member is left; false when this instance no longer holds it. */
    @Transactional
    boolean complete(long operationId, String owner) {
        return em.createNativeQuery("""
                        UPDATE mass_operation SET status = 'COMPLETED', finished_at = ?3, owner = NULL, lease_until = NULL
                        WHERE id = ?1 AND owner = ?2 AND status = 'RUNNING'
                          AND NOT EXISTS (SELECT 1 FROM mass_operation_item WHERE operation_id = ?1 AND status = 'PENDING')""")
                .setParameter(1, operationId).setParameter(2, owner).setParameter(3, Timestamp.from(clock.now()))
                .executeUpdate() > 0;
    }

    /** Ends a cancelled operation: the members not reached are SKIPPED, untouched. */
    @Transactional
    boolean cancelled(long operationId, String owner) {
        int ended = em.createNativeQuery("""
                        UPDATE mass_operation SET status = 'CANCELLED', finished_at = ?3, owner = NULL, lease_until = NULL
                        WHERE id = ?1 AND owner = ?2 AND status = 'CANCELLING'""")
                .setParameter(1, operationId).setParameter(2, owner).setParameter(3, Timestamp.from(clock.now()))
                .executeUpdate();
        if (ended > 0) {
            skipPending(em, operationId);
        }
        return ended > 0;
    }

    @Transactional
    void fail(long operationId, String owner, String failure) {
        em.createNativeQuery("""
                        UPDATE mass_operation SET status = 'FAILED', failure = ?3, finished_at = ?4, owner = NULL,
                               lease_until = NULL
                        WHERE id = ?1 AND owner = ?2 AND status IN ('RUNNING', 'CANCELLING')""")
                .setParameter(1, operationId).setParameter(2, owner).setParameter(3, failure)
                .setParameter(4, Timestamp.from(clock.now())).executeUpdate();
    }

    /** Lets another instance take the operation over at once, when this one stops. */
    @Transactional
    void release(long operationId, String owner) {
        em.createNativeQuery("""
                        UPDATE mass_operation SET owner = NULL, lease_until = clock_timestamp()
                        WHERE id = ?1 AND owner = ?2 AND status IN ('RUNNING', 'CANCELLING')""")
                .setParameter(1, operationId).setParameter(2, owner).executeUpdate();
    }

    /** Marks the members of a cancelled operation that were not reached, in the transaction that cancels it. */
    static void skipPending(EntityManager em, long operationId) {
        int skipped = em.createNativeQuery("""
                        UPDATE mass_operation_item SET status = 'SKIPPED', reason = 'OPERATION_CANCELLED'
                        WHERE operation_id = ?1 AND status = 'PENDING'""")
                .setParameter(1, operationId).executeUpdate();
        em.createNativeQuery("UPDATE mass_operation SET skipped = skipped + ?2 WHERE id = ?1")
                .setParameter(1, operationId).setParameter(2, skipped).executeUpdate();
    }

    private static long count(List<Outcome> outcomes, ItemStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
