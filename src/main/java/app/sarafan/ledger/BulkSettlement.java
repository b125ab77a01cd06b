package app.sarafan.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.sql.SqlArrays;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What {@link Settlement} does to one account, done set-based to a chunk of accounts nobody touches: the
 * activation and expiry jobs. A chunk first locks its accounts with {@code FOR UPDATE SKIP LOCKED} — the same row
 * lock every ledger operation takes, so a chunk and a member's purchase never settle the same lot twice, and two
 * instances running the job take disjoint chunks instead of waiting on each other. Only then, in a new statement
 * (a fresh snapshot under READ COMMITTED), it reads the due lots and writes the transactions, movements and
 * account parts exactly as Settlement would. Each chunk commits on its own: a crash loses at most the chunk in
 * flight, which the next run does again.
 *
 * <p>Every statement reaches lots through the chunk's account ids (a LATERAL subquery per account, kept apart from
 * the planner by OFFSET 0, so that lot_spend_order_idx serves it) or their primary keys, and accounts through
 * theirs: plans that scanned all due lots or whole tables once per chunk made a run over a million lots quadratic.
 */
@ApplicationScoped
public class BulkSettlement {

    private final EntityManager em;
    private final Settlement settlement;
    private final MeterRegistry metrics;

    BulkSettlement(EntityManager em, Settlement settlement, MeterRegistry metrics) {
        this.em = em;
        this.settlement = settlement;
        this.metrics = metrics;
    }

    /** Activates the matured pending lots of up to {@code accounts} accounts; answers how many lots. */
    @Transactional
    public int activateChunk(Instant now, int accounts) {
        List<Object[]> locked = lock("state = 'PENDING' AND available_from <= ?1", now, accounts);
        List<Long> plain = new ArrayList<>();
        int lots = 0;
        for (Object[] row : locked) {
            long memberId = ((Number) row[0]).longValue();
            if ((Boolean) row[1]) {
                // A debt is repaid lot by lot (Settlement.repayDebt); rare enough to settle one by one.
                lots += (int) Lot.count("accountId = ?1 and state = ?2 and availableFrom <= ?3", memberId,
                        LotState.PENDING, now);
                settlement.settle(Account.lock(memberId), now);
            } else {
                plain.add(memberId);
            }
        }
        em.flush();
        if (!plain.isEmpty()) {
            lots += ((Number) em.createNativeQuery("""
                    WITH due AS (
                        SELECT l.* FROM unnest(CAST(?1 AS bigint[])) AS chunk(account_id) CROSS JOIN LATERAL (
                            SELECT id, account_id, transaction_id, remaining, available_from, expires_at FROM lot
                            WHERE lot.account_id = chunk.account_id AND lot.state = 'PENDING'
                              AND lot.available_from <= ?2
                            OFFSET 0) l),
                    tx AS (
                        INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change,
                            source_type, source_id, reason, actor, related_transaction_id, created_at, available_from,
                            expires_at)
                        SELECT account_id, 'ACTIVATION', 0, -remaining, 0, 'SYSTEM', NULL, 'Hold period ended',
                            'system', transaction_id, ?2, available_from, expires_at
                        FROM due ORDER BY available_from, id
                        RETURNING 1),
                    lots AS (UPDATE lot SET state = 'ACTIVE' WHERE id = ANY(ARRAY(SELECT id FROM due)) RETURNING 1),
                    acc AS (
                        UPDATE account a SET pending = a.pending - s.total, available = a.available + s.total,
                            updated_at = ?2
                        FROM (SELECT account_id, sum(remaining) AS total FROM due GROUP BY account_id) s
                        WHERE a.member_id = s.account_id AND a.member_id = ANY(CAST(?1 AS bigint[]))
                        RETURNING 1)
                    SELECT count(*) FROM due""")
                    .setParameter(1, SqlArrays.bigints(plain))
                    .setParameter(2, Timestamp.from(now))
                    .getSingleResult()).intValue();
        }
        metrics.counter("sarafan.ledger.transactions", "kind", TransactionKind.ACTIVATION.name()).increment(lots);
        return lots;
    }

    /**
     * Burns what is left of the lots of up to {@code accounts} accounts whose lifetime ended at or before
     * {@code now}, and publishes one BONUS_EXPIRED event per expiry transaction; answers how many lots.
     */
    @Transactional
    public int expireChunk(Instant now, int accounts) {
        List<Object[]> locked = lock("state = 'ACTIVE' AND expires_at <= ?1", now, accounts);
        List<Long> ids = new ArrayList<>();
        int settledOneByOne = 0;
        for (Object[] row : locked) {
            long memberId = ((Number) row[0]).longValue();
            if ((Boolean) row[1]) {
                // Bonuses backing a reservation do not burn until it is released (Holds); a debt is repaid lot by
                // lot: Settlement knows both. Counted by what it burnt, so lots it keeps do not loop the job.
                long before = Lot.count("accountId = ?1 and state = ?2 and expiresAt <= ?3", memberId,
                        LotState.ACTIVE, now);
                settlement.settle(Account.lock(memberId), now);
                em.flush();
                settledOneByOne += (int) (before - Lot.count("accountId = ?1 and state = ?2 and expiresAt <= ?3",
                        memberId, LotState.ACTIVE, now));
            } else {
                ids.add(memberId);
            }
        }
        if (ids.isEmpty()) {
            return settledOneByOne;
        }
        em.flush();
        int lots = settledOneByOne + ((Number) em.createNativeQuery("""
                WITH due AS (
                    SELECT l.* FROM unnest(CAST(?1 AS bigint[])) AS chunk(account_id) CROSS JOIN LATERAL (
                        SELECT id, account_id, transaction_id, remaining, expires_at FROM lot
                        WHERE lot.account_id = chunk.account_id AND lot.state = 'ACTIVE' AND lot.expires_at <= ?2
                        OFFSET 0) l),
                tx AS (
                    INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change,
                        source_type, source_id, reason, actor, related_transaction_id, created_at, available_from,
                        expires_at)
                    SELECT account_id, 'EXPIRY', -remaining, 0, 0, 'SYSTEM', NULL, 'Bonuses expired', 'system',
                        transaction_id, ?2, ?2, expires_at
                    FROM due ORDER BY expires_at, id
                    RETURNING id, account_id, related_transaction_id, amount),
                mv AS (
                    INSERT INTO lot_movement (lot_id, transaction_id, account_id, amount)
                    SELECT due.id, tx.id, due.account_id, tx.amount FROM tx
                    JOIN due ON due.transaction_id = tx.related_transaction_id AND due.account_id = tx.account_id
                    RETURNING 1),
                ev AS (
                    INSERT INTO domain_event (type, member_id, payload, created_at)
                    SELECT 'BONUS_EXPIRED', tx.account_id,
                        json_build_object('amount', (-tx.amount)::text, 'transactionId', tx.id::text)::text, ?2
                    FROM tx ORDER BY tx.id
                    RETURNING 1),
                lots AS (
                    UPDATE lot SET remaining = 0, state = 'EXPIRED' WHERE id = ANY(ARRAY(SELECT id FROM due))
                    RETURNING 1),
                acc AS (
                    UPDATE account a SET available = a.available - s.total, updated_at = ?2
                    FROM (SELECT account_id, sum(remaining) AS total FROM due GROUP BY account_id) s
                    WHERE a.member_id = s.account_id AND a.member_id = ANY(CAST(?1 AS bigint[]))
                    RETURNING 1)
                SELECT count(*) FROM due""")
                .setParameter(1, SqlArrays.bigints(ids))
                .setParameter(2, Timestamp.from(now))
                .getSingleResult()).intValue();
        metrics.counter("sarafan.ledger.transactions", "kind", TransactionKind.EXPIRY.name()).increment(lots);
        return lots;
    }

    /**
     * Locks up to {@code accounts} accounts that have a lot matching {@code dueLots}, skipping those another
     * transaction holds (a member's operation settles them itself; another instance's chunk has them). Looks at
     * more candidate lots than accounts so that a chunk held elsewhere does not end this run early.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> lock(String dueLots, Instant now, int accounts) {
        return em.createNativeQuery("""
                SELECT a.member_id, a.available < 0 OR a.reserved > 0 FROM account a
                WHERE a.member_id IN (SELECT account_id FROM lot WHERE %s LIMIT ?3)
                LIMIT ?2 FOR UPDATE SKIP LOCKED""".formatted(dueLots))
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, accounts)
                .setParameter(3, accounts * 4)
                .getResultList();
    }
}
