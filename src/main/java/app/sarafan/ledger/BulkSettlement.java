package app.sarafan.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What {@link Settlement} does to one account, done set-based to a chunk of accounts nobody touches: the
 * activation and expiry jobs. A chunk first locks its accounts with {@code FOR UPDATE SKIP LOCKED} — the same row
 * lock every ledger operation takes, so a chunk and a member's purchase never settle the same lot twice, and two
 * instances running the job take disjoint chunks instead of waiting on each other. Only then, in a new statement
 * (a fresh snapshot under READ COMMITTED), it reads the due lots and writes the same {@link Postings} as Settlement
 * does, all at once through {@link PostingRows}. Each chunk commits on its own: a crash loses at most the chunk in
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
    private final PostingRows rows;

    BulkSettlement(EntityManager em, Settlement settlement, PostingRows rows) {
        this.em = em;
        this.settlement = settlement;
        this.rows = rows;
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
        List<OpenLot> due = due(plain, "lot.state = 'PENDING' AND lot.available_from <= ? ORDER BY available_from, id",
                now);
        rows.write(due.stream().map(Postings::activation).toList(), now);
        return lots + due.size();
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
        // Their accounts have nothing reserved: all that is left of each lot burns.
        List<OpenLot> due = due(ids, "lot.state = 'ACTIVE' AND lot.expires_at <= ? ORDER BY expires_at, id", now);
        rows.write(due.stream().map(lot -> Postings.expiry(lot, lot.remaining(), now)).toList(), now);
        return settledOneByOne + due.size();
    }

    /**
     * The lots of the chunk's accounts that {@code condition} picks, in the order it says, per account: a LATERAL
     * subquery per account, kept apart from the planner by OFFSET 0, so that lot_spend_order_idx serves it.
     */
    private List<OpenLot> due(List<Long> accountIds, String condition, Instant now) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(em, """
                SELECT l.id, l.account_id, l.transaction_id, l.remaining, l.state, l.available_from, l.expires_at
                FROM unnest(?::bigint[]) AS chunk(account_id) CROSS JOIN LATERAL (
                    SELECT * FROM lot WHERE lot.account_id = chunk.account_id AND %s OFFSET 0) l"""
                .formatted(condition),
                row -> new OpenLot(row.getLong(1), row.getLong(2), row.getLong(3), row.getBigDecimal(4),
                        LotState.valueOf(row.getString(5)), row.getObject(6, OffsetDateTime.class).toInstant(),
                        instant(row.getObject(7, OffsetDateTime.class))),
                new Jdbc.SqlArray("bigint", accountIds.toArray()), now);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
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
