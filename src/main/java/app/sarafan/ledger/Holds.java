package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Bonuses put aside for an unfinished redemption or withdrawal. A HOLD moves an amount from available to reserved
 * and touches no lot; a RELEASE moves it back; a capture (REDEMPTION, WITHDRAWAL) spends reserved bonuses and only
 * then consumes lots. So the ACTIVE lots always hold the available part plus the reserved one.
 *
 * <p>A release and a capture name their hold (related_transaction_id) and take at most what it has open; a hold has
 * at most one of each, so a partial confirmation is a capture of part and a release of the rest. The reserved part
 * is then the sum of the open holds, and the database refuses a second capture or release (V18).
 *
 * <p>Reserved bonuses are backed by the lots that expire soonest ({@link #reservedPart}); what backs a reservation
 * does not burn while it is reserved, and burns when it is released after its expiry.
 */
@ApplicationScoped
public class Holds {

    /**
     * Which lots a capture takes first ({@code first}, then the rest soonest-expiring first), and which lots it may
     * take from only down to {@code guardedKeep} left in them ({@code guarded}); when the lots allowed run short, the
     * rest comes from any lot.
     */
    public record LotChoice(Set<Long> first, Set<Long> guarded, BigDecimal guardedKeep) {
        public static final LotChoice SOONEST_EXPIRING = new LotChoice(Set.of(), Set.of(), Money.ZERO);
    }

    /** What a capture took from one lot: the lot's credit transaction, the amount and the lot's expiry. */
    public record Portion(long lotId, long creditTransactionId, BigDecimal amount, Instant expiresAt) {
    }

    public record Captured(TransactionView transaction, List<Portion> portions) {
    }

    private final Journal journal;
    private final Settlement settlement;
    private final AppClock clock;

    Holds(Journal journal, Settlement settlement, AppClock clock) {
        this.journal = journal;
        this.settlement = settlement;
        this.clock = clock;
    }

    /**
     * Locks the member's account for the rest of the caller's transaction, settles it, and answers its available
     * part: decisions that depend on the balance (limits, withdrawable amounts) are then made by one writer at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BigDecimal lockAvailable(long memberId) {
        return settled(memberId, clock.now()).available;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TransactionView hold(long memberId, BigDecimal amount, Source source, String reason) {
        Instant now = clock.now();
        Account account = settled(memberId, now);
        BigDecimal held = Money.exact(amount);
        if (account.available.compareTo(held) < 0) {
            throw new InsufficientBalance(held, account.available);
        }
        return TransactionView.of(journal.post(account, Postings.hold(memberId, held, source, reason, now), now).tx());
    }

    /**
     * Gives back to available {@code amount} of what the hold {@code holdTransactionId} has open. A debt (negative
     * available) is repaid from it first, and what expired while reserved burns now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TransactionView release(long holdTransactionId, BigDecimal amount, Source source, String reason) {
        Instant now = clock.now();
        LedgerTransaction hold = hold(holdTransactionId);
        long memberId = hold.accountId;
        Account account = settled(memberId, now);
        BigDecimal released = Money.exact(amount);
        requireOpen(hold, released);
        requireReserved(account, released);
        BigDecimal debt = account.available.negate().max(Money.ZERO);
        BigDecimal repay = debt.min(released);
        List<Posting.LotChange> debtRepaid = repay.signum() > 0
                ? consume(memberId, repay, LotChoice.SOONEST_EXPIRING).changes() : List.of();
        LedgerTransaction tx = journal.post(account,
                Postings.release(memberId, hold.id, released, debtRepaid, source, reason, now), now).tx();
        settlement.settle(account, now);
        return TransactionView.of(tx);
    }

    /**
     * Spends {@code amount} of what the hold {@code holdTransactionId} has open: a transaction of {@code kind}
     * (REDEMPTION, WITHDRAWAL) that consumes lots.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Captured capture(long holdTransactionId, TransactionKind kind, BigDecimal amount, Source source,
            String reason, LotChoice choice) {
        Instant now = clock.now();
        LedgerTransaction hold = hold(holdTransactionId);
        long memberId = hold.accountId;
        Account account = settled(memberId, now);
        BigDecimal spent = Money.exact(amount);
        requireOpen(hold, spent);
        requireReserved(account, spent);
        Taken taken = consume(memberId, spent, choice);
        LedgerTransaction tx = journal.post(account,
                Postings.capture(memberId, kind, hold.id, spent, taken.changes(), source, reason, now), now).tx();
        return new Captured(TransactionView.of(tx), taken.portions());
    }

    /**
     * What the hold has not yet given up: its amount minus what its capture and its release took. The database
     * refuses the same (trigger ledger_transaction_takes_from_hold, one capture and one release per hold); checked
     * here first to fail with the hold's figures, before anything is written.
     */
    private static BigDecimal open(LedgerTransaction hold) {
        BigDecimal taken = LedgerTransaction.getEntityManager().createQuery("""
                        select coalesce(sum(t.reservedChange), 0) from LedgerTransaction t
                        where t.relatedTransactionId = ?1 and t.reservedChange < 0""", BigDecimal.class)
                .setParameter(1, hold.id).getSingleResult();
        return hold.reservedChange.add(taken);
    }

    private static LedgerTransaction hold(long holdTransactionId) {
        LedgerTransaction hold = LedgerTransaction.findById(holdTransactionId);
        if (hold == null || hold.kind != TransactionKind.HOLD) {
            throw new IllegalStateException("Transaction " + holdTransactionId + " is not a hold");
        }
        return hold;
    }

    private static void requireOpen(LedgerTransaction hold, BigDecimal amount) {
        BigDecimal open = open(hold);
        if (open.compareTo(amount) < 0) {
            throw new IllegalStateException("Hold " + hold.id + " has " + open + " open, not " + amount);
        }
    }

    private Account settled(long memberId, Instant now) {
        Account account = Account.lock(memberId);
        settlement.settle(account, now);
        return account;
    }

    /** How much of an ACTIVE lot backs the account's reserved part: reservations take the soonest-expiring first. */
    static BigDecimal reservedPart(Account account, Lot lot) {
        if (account.reserved.signum() == 0) {
            return Money.ZERO;
        }
        BigDecimal left = account.reserved;
        for (Lot active : activeLots(account.memberId)) {
            BigDecimal part = active.remaining.min(left);
            if (active.id.equals(lot.id)) {
                return part;
            }
            left = left.subtract(part);
        }
        return Money.ZERO;
    }

    private static void requireReserved(Account account, BigDecimal amount) {
        if (account.reserved.compareTo(amount) < 0) {
            throw new IllegalStateException("Account " + account.memberId + " has " + account.reserved
                    + " reserved, not " + amount);
        }
    }

    private static List<Lot> activeLots(long memberId) {
        return Lot.inSpendOrder(memberId);
    }

    /** What a capture or a release takes from the lots: the changes to post, and the portions per lot. */
    record Taken(List<Posting.LotChange> changes, List<Portion> portions) {
    }

    static Taken consume(long memberId, BigDecimal amount, LotChoice choice) {
        List<OpenLot> lots = new ArrayList<>(activeLots(memberId).stream().map(Lot::open).toList());
        lots.sort(java.util.Comparator.comparing(l -> !choice.first().contains(l.id())));
        BigDecimal guardedBudget = lots.stream().filter(l -> choice.guarded().contains(l.id()))
                .map(OpenLot::remaining).reduce(Money.ZERO, BigDecimal::add).subtract(choice.guardedKeep())
                .max(Money.ZERO);
        List<Posting.LotChange> changes = new ArrayList<>();
        List<Portion> portions = new ArrayList<>();
        BigDecimal left = amount;
        for (boolean guarding : new boolean[] {true, false}) {
            for (int i = 0; i < lots.size(); i++) {
                OpenLot lot = lots.get(i);
                if (left.signum() == 0) {
                    break;
                }
                boolean guarded = guarding && choice.guarded().contains(lot.id());
                BigDecimal take = lot.remaining().min(left);
                if (guarded) {
                    take = take.min(guardedBudget);
                    guardedBudget = guardedBudget.subtract(take);
                }
                if (take.signum() == 0) {
                    continue;
                }
                changes.add(Postings.take(lot, take, LotState.SPENT));
                lots.set(i, lot.less(take));
                portions.add(new Portion(lot.id(), lot.transactionId(), take, lot.expiresAt()));
                left = left.subtract(take);
            }
        }
        if (left.signum() != 0) {
            throw new IllegalStateException("Account " + memberId + " lots do not cover its reserved bonuses");
        }
        return new Taken(changes, portions);
    }
}
