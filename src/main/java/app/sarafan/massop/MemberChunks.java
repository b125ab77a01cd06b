package app.sarafan.massop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.BulkCredits;
import app.sarafan.ledger.CoveredDebits;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Applies an operation to a chunk of its members in one database transaction: each member's ledger transaction,
 * its outcome and the counters commit together or not at all, so every member is either fully done or untouched.
 * Credits go to the whole chunk at once ({@link BulkCredits}); debits one member after the other, a member whose
 * available bonuses do not cover the amount FAILED with INSUFFICIENT_BALANCE and the others debited. Each ledger
 * transaction has the operation as its source, at most one per member (the ledger refuses a second).
 */
@ApplicationScoped
class MemberChunks {

    /** Debits flush and forget their entities this often, so a chunk's persistence context stays small. */
    private static final int DEBITS_PER_FLUSH = 50;

    enum Result { RAN, CANCEL_REQUESTED }

    private final MassOperationRuns runs;
    private final BulkCredits credits;
    private final CoveredDebits debits;
    private final AppClock clock;
    private final EntityManager em;

    MemberChunks(MassOperationRuns runs, BulkCredits credits, CoveredDebits debits, AppClock clock,
            EntityManager em) {
        this.runs = runs;
        this.credits = credits;
        this.debits = debits;
        this.clock = clock;
        this.em = em;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Result run(MassOperationRuns.Claim claim, String owner, List<MassOperationRuns.PendingItem> chunk) {
        if (!runs.holdLease(claim.operationId(), owner)) {
            return Result.CANCEL_REQUESTED;
        }
        List<MassOperationRuns.Outcome> outcomes = new ArrayList<>(chunk.size());
        List<MassOperationRuns.PendingItem> eligible = new ArrayList<>(chunk.size());
        for (MassOperationRuns.PendingItem item : chunk) {
            if (item.blocked() && !claim.includesBlocked()) {
                outcomes.add(new MassOperationRuns.Outcome(item.seq(), ItemStatus.SKIPPED, ItemReason.MEMBER_BLOCKED,
                        "The member is blocked", null));
            } else {
                eligible.add(item);
            }
        }
        Source source = new Source(SourceType.MASS_OPERATION, String.valueOf(claim.operationId()), claim.actor());
        if (claim.type() == MassOperationType.CREDIT) {
            credit(claim, source, eligible, outcomes);
        } else {
            debit(claim, source, eligible, outcomes);
        }
        runs.record(claim.operationId(), outcomes);
        return Result.RAN;
    }

    private void credit(MassOperationRuns.Claim claim, Source source, List<MassOperationRuns.PendingItem> items,
            List<MassOperationRuns.Outcome> outcomes) {
        Ledger.Credit credit = new Ledger.Credit(TransactionKind.ACCRUAL, claim.amount(), source, claim.reason(),
                claim.availableFrom(), claim.expiresAt());
        Map<Long, Long> written = credits.creditEach(items.stream().map(MassOperationRuns.PendingItem::memberId)
                .toList(), credit, clock.now());
        for (MassOperationRuns.PendingItem item : items) {
            Long transaction = written.get(item.memberId());
            if (transaction == null) {
                throw new IllegalStateException("Member " + item.memberId() + " was not credited");
            }
            outcomes.add(new MassOperationRuns.Outcome(item.seq(), ItemStatus.DONE, null, null, transaction));
        }
    }

    private void debit(MassOperationRuns.Claim claim, Source source, List<MassOperationRuns.PendingItem> items,
            List<MassOperationRuns.Outcome> outcomes) {
        Ledger.Debit debit = new Ledger.Debit(TransactionKind.ADJUSTMENT, claim.amount(), source, claim.reason());
        int since = 0;
        for (MassOperationRuns.PendingItem item : items) {
            CoveredDebits.Outcome outcome = debits.debitOnce(item.memberId(), debit);
            outcomes.add(outcome.covered()
                    ? new MassOperationRuns.Outcome(item.seq(), ItemStatus.DONE, null, null,
                            Long.valueOf(outcome.transaction().id()))
                    : new MassOperationRuns.Outcome(item.seq(), ItemStatus.FAILED, ItemReason.INSUFFICIENT_BALANCE,
                            "Requested " + Money.format(claim.amount()) + " but only "
                                    + Money.format(outcome.available()) + " is available", null));
            if (++since == DEBITS_PER_FLUSH) {
                em.flush();
                em.clear();
                since = 0;
            }
        }
    }
}
