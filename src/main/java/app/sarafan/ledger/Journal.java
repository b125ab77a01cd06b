package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import app.sarafan.common.money.Money;
import app.sarafan.common.tx.TransactionMemo;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The only writer of ledger transactions, and so the only place where an account's parts change: each posting
 * adds its amounts to the account in the same database transaction. This is what keeps the invariant of
 * {@link LedgerInvariant} true.
 */
@ApplicationScoped
class Journal {

    record Posting(TransactionKind kind, BigDecimal amount, BigDecimal pendingChange, BigDecimal reservedChange,
            Source source, String reason, Long relatedTransactionId, Instant availableFrom, Instant expiresAt,
            Provenance provenance) {

        static Posting available(TransactionKind kind, BigDecimal amount, Source source, String reason) {
            return new Posting(kind, amount, Money.ZERO, Money.ZERO, source, reason, null, null, null,
                    Provenance.NONE);
        }
    }

    private final MeterRegistry metrics;
    private final TransactionMemo memo;

    Journal(MeterRegistry metrics, TransactionMemo memo) {
        this.metrics = metrics;
        this.memo = memo;
    }

    LedgerTransaction post(Account account, Posting posting, Instant now) {
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
        tx.availableFrom = posting.availableFrom() == null ? now : posting.availableFrom();
        tx.expiresAt = posting.expiresAt();
        tx.ruleVersionId = posting.provenance().ruleVersionId();
        tx.referralMemberId = posting.provenance().referralMemberId();
        tx.referralLevel = posting.provenance().referralLevel();
        tx.persist();

        account.available = account.available.add(tx.availableChange());
        account.pending = account.pending.add(tx.pendingChange);
        account.reserved = account.reserved.add(tx.reservedChange);
        account.updatedAt = now;
        metrics.counter("sarafan.ledger.transactions", "kind", tx.kind.name()).increment();
        // A debit may leave a debt, after which a credit must go one by one: what the last lock answered is stale.
        memo.forget(CreditBatch.MEMO);
        return tx;
    }
}
