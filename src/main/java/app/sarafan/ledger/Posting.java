package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.sarafan.common.event.DomainEventType;

/**
 * One ledger posting as data: the transaction row it writes, the lot it opens (a credit's), what it takes from or
 * gives to lots that exist, and the domain event it publishes. What each kind of posting is, is said only in
 * {@link Postings}; {@link Journal} (one account, in the persistence context) and {@link PostingRows} (many at
 * once, set-based) write postings without knowing any kind, so every path writes the same rows.
 *
 * @param opens the state of the lot the posting opens with its amount, or null when it opens none
 */
record Posting(long accountId, TransactionKind kind, BigDecimal amount, BigDecimal pendingChange,
        BigDecimal reservedChange, Source source, String reason, Long relatedTransactionId, Instant availableFrom,
        Instant expiresAt, Provenance provenance, LotState opens, List<LotChange> lotChanges,
        Announcement announcement) {

    /** What a posting does to a lot: a movement (zero for none) and the state it leaves the lot in (null: as is). */
    record LotChange(long lotId, BigDecimal movement, LotState state) {
    }

    /** The domain event a posting publishes; whoever writes the posting adds its {@code transactionId}. */
    record Announcement(DomainEventType type, Map<String, Object> payload) {
    }

    /** What the posting moves in or out of the available part: the rest of its amount is pending or reserved. */
    BigDecimal availableChange() {
        return amount.subtract(pendingChange).subtract(reservedChange);
    }
}
