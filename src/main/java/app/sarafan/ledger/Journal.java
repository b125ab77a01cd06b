package app.sarafan.ledger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.common.tx.TransactionMemo;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a {@link Posting} to one locked account through the persistence context: its transaction, the lot it
 * opens, its lot changes, the account's parts in the same database transaction, and its domain event. With
 * {@link PostingRows}, the set-based writer of the same postings, the only writer of the ledger, and so what keeps
 * the invariant of {@link LedgerInvariant} true.
 */
@ApplicationScoped
class Journal {

    /** The transaction a posting wrote, and the lot it opened (null when it opened none). */
    record Posted(LedgerTransaction tx, Lot lot) {
    }

    private final MeterRegistry metrics;
    private final TransactionMemo memo;
    private final DomainEvents events;

    Journal(MeterRegistry metrics, TransactionMemo memo, DomainEvents events) {
        this.metrics = metrics;
        this.memo = memo;
        this.events = events;
    }

    Posted post(Account account, Posting posting, Instant now) {
        if (posting.accountId() != account.memberId) {
            throw new IllegalArgumentException("A posting to account " + posting.accountId() + " is not for account "
                    + account.memberId);
        }
        LedgerTransaction tx = new LedgerTransaction();
        tx.accountId = account.memberId;
        tx.kind = posting.kind();
        tx.amount = Money.exact(posting.amount());
        tx.pendingChange = Money.exact(posting.pendingChange());
        tx.reservedChange = Money.exact(posting.reservedChange());
        tx.sourceType = posting.source().type();
        tx.sourceId = posting.source().id();
        tx.reason = posting.reason();
        tx.actor = posting.source().actor();
        tx.relatedTransactionId = posting.relatedTransactionId();
        tx.createdAt = now;
        tx.availableFrom = posting.availableFrom();
        tx.expiresAt = posting.expiresAt();
        tx.ruleVersionId = posting.provenance().ruleVersionId();
        tx.referralMemberId = posting.provenance().referralMemberId();
        tx.referralLevel = posting.provenance().referralLevel();
        tx.persist();

        Lot opened = null;
        if (posting.opens() != null) {
            opened = new Lot();
            opened.accountId = account.memberId;
            opened.transactionId = tx.id;
            opened.amount = tx.amount;
            opened.remaining = tx.amount;
            opened.state = posting.opens();
            opened.availableFrom = tx.availableFrom;
            opened.expiresAt = tx.expiresAt;
            opened.persist();
        }
        posting.lotChanges().forEach(change -> apply(tx, change));

        account.available = account.available.add(tx.availableChange());
        account.pending = account.pending.add(tx.pendingChange);
        account.reserved = account.reserved.add(tx.reservedChange);
        account.updatedAt = now;
        metrics.counter("sarafan.ledger.transactions", "kind", tx.kind.name()).increment();
        if (posting.announcement() != null) {
            Map<String, Object> payload = new LinkedHashMap<>(posting.announcement().payload());
            payload.put("transactionId", String.valueOf(tx.id));
            events.publish(posting.announcement().type(), account.memberId, payload);
        }
        // A debit may leave a debt, after which a credit must go one by one: what the last lock answered is stale.
        memo.forget(CreditBatch.MEMO);
        return new Posted(tx, opened);
    }

    /** A lot change made by a transaction already written (a debt repaid by the lot an activation made available). */
    void apply(LedgerTransaction tx, Posting.LotChange change) {
        Lot lot = Lot.findById(change.lotId());
        if (change.movement().signum() != 0) {
            LotMovement.record(lot, tx, change.movement());
        }
        if (change.state() != null) {
            lot.state = change.state();
        }
    }
}
