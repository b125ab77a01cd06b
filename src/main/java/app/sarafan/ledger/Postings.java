package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.money.Money;

/**
 * What every kind of posting writes, said once: the transaction, the balance parts it moves, the lots it opens,
 * takes from or closes, and the domain event it publishes. Each path — one account's operation, an event's batch,
 * a job's chunk, a mass operation, an import — builds its postings here and hands them to {@link Journal} or
 * {@link PostingRows}, which write any posting the same way.
 */
final class Postings {

    static final Source SYSTEM = new Source(SourceType.SYSTEM, null, "system");

    private Postings() {
    }

    /**
     * Bonuses added to an account: pending until {@code availableFrom} when that is later than {@code now}
     * (nothing to spend yet), available at once otherwise; their lot burns at {@code expiresAt}.
     */
    static Posting credit(long accountId, Ledger.Credit credit, Instant now) {
        BigDecimal amount = Money.exact(credit.amount());
        boolean pending = credit.availableFrom() != null && credit.availableFrom().isAfter(now);
        return new Posting(accountId, credit.kind(), amount, pending ? amount : Money.ZERO, Money.ZERO,
                credit.source(), credit.reason(), credit.relatedTransactionId(),
                credit.availableFrom() == null ? now : credit.availableFrom(),
                credit.expiresAt(), credit.provenance(), pending ? LotState.PENDING : LotState.ACTIVE, List.of(),
                null);
    }

    /** A pending lot whose hold ended: what is left of it moves from pending to available. */
    static Posting activation(OpenLot lot) {
        return new Posting(lot.accountId(), TransactionKind.ACTIVATION, Money.ZERO, lot.remaining().negate(),
                Money.ZERO, SYSTEM, "Hold period ended", lot.transactionId(), lot.availableFrom(), lot.expiresAt(),
                Provenance.NONE, null, List.of(new Posting.LotChange(lot.id(), Money.ZERO, LotState.ACTIVE)), null);
    }

    /** {@code amount} of an active lot burns at the end of its lifetime (all of it, unless some is reserved). */
    static Posting expiry(OpenLot lot, BigDecimal amount, Instant now) {
        BigDecimal burnt = Money.exact(amount);
        return new Posting(lot.accountId(), TransactionKind.EXPIRY, burnt.negate(), Money.ZERO, Money.ZERO, SYSTEM,
                "Bonuses expired", lot.transactionId(), now, lot.expiresAt(), Provenance.NONE, null,
                List.of(take(lot, burnt, LotState.EXPIRED)),
                new Posting.Announcement(DomainEventType.BONUS_EXPIRED, Map.of("amount", burnt.toPlainString())));
    }

    /**
     * A lot that became available while the account owes (a negative available part) pays the debt off first. The
     * debt lives only in the balance, so this moves no part: it takes the lot's bonuses out of what can be spent,
     * as a movement of the transaction that made the lot available. Empty when there is no debt.
     */
    static List<Posting.LotChange> debtRepayment(OpenLot lot, BigDecimal debt) {
        BigDecimal repay = debt.min(lot.remaining());
        return repay.signum() <= 0 ? List.of() : List.of(take(lot, repay, LotState.SPENT));
    }

    /** Available bonuses taken (a spend, a manual debit), from the lots in {@code spendOrder} soonest first. */
    static Posting debit(long accountId, Ledger.Debit debit, List<OpenLot> spendOrder, Instant now) {
        BigDecimal amount = Money.exact(debit.amount());
        return new Posting(accountId, debit.kind(), amount.negate(), Money.ZERO, Money.ZERO, debit.source(),
                debit.reason(), null, now, null, Provenance.NONE, null, consume(accountId, amount, spendOrder), null);
    }

    /**
     * Available bonuses spent on something that keeps what it took from each lot (a reward, to give them back as
     * they were): {@code taken} are the lot changes {@link Holds#consume} chose, soonest-expiring first.
     */
    static Posting spend(long accountId, Ledger.Debit debit, List<Posting.LotChange> taken, Instant now) {
        BigDecimal amount = Money.exact(debit.amount());
        return new Posting(accountId, debit.kind(), amount.negate(), Money.ZERO, Money.ZERO, debit.source(),
                debit.reason(), null, now, null, Provenance.NONE, null, taken, null);
    }

    /** A credit still pending, cancelled before it became available: it never will. */
    static Posting voiding(OpenLot lot, BigDecimal amount, Source source, String reason, Instant now) {
        BigDecimal voided = Money.exact(amount);
        return new Posting(lot.accountId(), TransactionKind.VOID, voided.negate(), voided.negate(), Money.ZERO,
                source, reason, lot.transactionId(), now, null, Provenance.NONE, null,
                List.of(take(lot, voided, LotState.VOIDED)), null);
    }

    /**
     * An available credit taken back ({@link Ledger#reverse} has the rule): from the credit's own lot first, then
     * from other lots soonest first, but never from what backs a reservation ({@code unreserved} is what is not);
     * the rest is a debt, in the balance only.
     */
    static Posting reversal(OpenLot lot, BigDecimal amount, BigDecimal unreserved, List<OpenLot> spendOrder,
            Source source, String reason, Instant now) {
        BigDecimal reversed = Money.exact(amount);
        List<Posting.LotChange> changes = new ArrayList<>();
        BigDecimal fromLot = lot.state() == LotState.ACTIVE
                ? lot.remaining().min(reversed).min(unreserved).max(Money.ZERO) : Money.ZERO;
        if (fromLot.signum() > 0) {
            changes.add(take(lot, fromLot, LotState.SPENT));
        }
        BigDecimal fromOthers = reversed.subtract(fromLot).min(unreserved.subtract(fromLot));
        if (fromOthers.signum() > 0) {
            List<OpenLot> rest = spendOrder.stream()
                    .map(l -> l.id() == lot.id() ? l.less(fromLot) : l)
                    .filter(l -> l.remaining().signum() > 0)
                    .toList();
            changes.addAll(consume(lot.accountId(), fromOthers, rest));
        }
        return new Posting(lot.accountId(), TransactionKind.REVERSAL, reversed.negate(), Money.ZERO, Money.ZERO,
                source, reason, lot.transactionId(), now, null, Provenance.NONE, null, changes, null);
    }

    /** Available bonuses put aside for an unfinished redemption or withdrawal: no lot is touched yet. */
    static Posting hold(long accountId, BigDecimal amount, Source source, String reason, Instant now) {
        BigDecimal held = Money.exact(amount);
        return new Posting(accountId, TransactionKind.HOLD, Money.ZERO, Money.ZERO, held, source, reason, null, now,
                null, Provenance.NONE, null, List.of(), null);
    }

    /**
     * Reserved bonuses given back to available ({@code hold}: the HOLD transaction they were put aside by). Lots
     * are touched only when the account owes: {@code debtRepaid} is taken from them, soonest first.
     */
    static Posting release(long accountId, Long hold, BigDecimal amount, List<Posting.LotChange> debtRepaid,
            Source source, String reason, Instant now) {
        BigDecimal released = Money.exact(amount);
        return new Posting(accountId, TransactionKind.RELEASE, Money.ZERO, Money.ZERO, released.negate(), source,
                reason, hold, now, null, Provenance.NONE, null, debtRepaid, null);
    }

    /**
     * Reserved bonuses spent ({@code kind}: REDEMPTION, WITHDRAWAL), taken from the lots {@code taken} says
     * ({@code hold}: the HOLD transaction they were put aside by).
     */
    static Posting capture(long accountId, TransactionKind kind, Long hold, BigDecimal amount,
            List<Posting.LotChange> taken, Source source, String reason, Instant now) {
        BigDecimal spent = Money.exact(amount);
        return new Posting(accountId, kind, spent.negate(), Money.ZERO, spent.negate(), source, reason, hold, now,
                null, Provenance.NONE, null, taken, null);
    }

    /** Takes {@code amount} from the lots in the order given, each down to zero before the next. */
    static List<Posting.LotChange> consume(long accountId, BigDecimal amount, List<OpenLot> lots) {
        List<Posting.LotChange> changes = new ArrayList<>();
        BigDecimal left = amount;
        for (OpenLot lot : lots) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal taken = lot.remaining().min(left);
            if (taken.signum() > 0) {
                changes.add(take(lot, taken, LotState.SPENT));
                left = left.subtract(taken);
            }
        }
        if (left.signum() != 0) {
            throw new IllegalStateException("Account " + accountId + " lots do not cover its available balance");
        }
        return changes;
    }

    /** {@code amount} out of a lot, which is left {@code emptied} when nothing remains in it. */
    static Posting.LotChange take(OpenLot lot, BigDecimal amount, LotState emptied) {
        return new Posting.LotChange(lot.id(), amount.negate(),
                lot.remaining().compareTo(amount) == 0 ? emptied : null);
    }
}
