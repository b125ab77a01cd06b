package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Credits and debits of one member's account. Every operation locks the account row, first brings it up to date
 * with the clock ({@link Settlement}), and then writes through the {@link Journal}, so concurrent operations on
 * one account happen one after the other and can never overdraw it.
 *
 * <p>Spending consumes lots that expire soonest first (lots without expiry last, then the oldest first). When the
 * available part is negative — a debt left by a reversal of bonuses already spent — a new credit repays the debt
 * before it leaves anything to spend.
 */
@ApplicationScoped
public class Ledger {

    /**
     * Bonuses to add: available at once, or pending until {@code availableFrom}; burning at {@code expiresAt}.
     * {@code relatedTransactionId} names the transaction a correction gives back for (a cancelled reward's spend),
     * null for none.
     */
    public record Credit(TransactionKind kind, BigDecimal amount, Source source, String reason,
            Instant availableFrom, Instant expiresAt, Provenance provenance, Long relatedTransactionId) {

        public Credit(TransactionKind kind, BigDecimal amount, Source source, String reason, Instant availableFrom,
                Instant expiresAt, Provenance provenance) {
            this(kind, amount, source, reason, availableFrom, expiresAt, provenance, null);
        }

        public Credit(TransactionKind kind, BigDecimal amount, Source source, String reason, Instant availableFrom,
                Instant expiresAt) {
            this(kind, amount, source, reason, availableFrom, expiresAt, Provenance.NONE);
        }
    }

    /** Available bonuses to take. */
    public record Debit(TransactionKind kind, BigDecimal amount, Source source, String reason) {
    }

    /** Taking back (part of) an earlier credit, e.g. the cashback of a cancelled or refunded order. */
    public record Reversal(long creditTransactionId, BigDecimal amount, Source source, String reason) {
    }

    private final Journal journal;
    private final Settlement settlement;
    private final CreditBatch batch;
    private final AppClock clock;

    Ledger(Journal journal, Settlement settlement, CreditBatch batch, AppClock clock) {
        this.journal = journal;
        this.settlement = settlement;
        this.batch = batch;
        this.clock = clock;
    }

    /**
     * Locks several accounts, always in ascending order, before an operation that credits or reverses on many of
     * them (a buyer and their uplines), so two such operations wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(java.util.Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        // One statement; the rows are locked in the order it sorts them. It is the credit batch's lock, so that the
        // batch crediting these accounts next in the transaction has its answer without asking again.
        batch.lock(memberIds, clock.now());
    }

    @Transactional
    public TransactionView credit(long memberId, Credit credit) {
        Instant now = clock.now();
        Account account = Account.lock(memberId);
        settlement.settle(account, now);
        Journal.Posted posted = journal.post(account, Postings.credit(memberId, credit, now), now);
        if (posted.lot().state == LotState.ACTIVE) {
            settlement.repayDebt(account, posted.lot(), posted.tx());
            settlement.expireIfDue(account, posted.lot(), now);
        }
        return TransactionView.of(posted.tx());
    }

    /**
     * Credits that must reach an account once whatever reruns or racing callers do (a balance brought over by an
     * import): under the account's lock, nothing is written when the account already has a transaction from
     * {@code source} (same type and id). Every credit is written with that source. Answers what was written,
     * empty when it had been written before.
     */
    @Transactional
    public List<TransactionView> creditOnce(long memberId, Source source, List<Credit> credits) {
        Account.lock(memberId);
        long before = LedgerTransaction.count("accountId = ?1 and sourceType = ?2 and sourceId = ?3",
                memberId, source.type(), source.id());
        if (before > 0) {
            return List.of();
        }
        return credits.stream().map(c -> credit(memberId, new Credit(c.kind(), c.amount(), source, c.reason(),
                c.availableFrom(), c.expiresAt(), c.provenance()))).toList();
    }

    @Transactional
    public TransactionView debit(long memberId, Debit debit) {
        Instant now = clock.now();
        BigDecimal amount = Money.exact(debit.amount());
        Account account = lockCovering(memberId, amount, now);
        LedgerTransaction tx = journal.post(account, Postings.debit(memberId, debit, spendOrder(memberId), now), now)
                .tx();
        return TransactionView.of(tx);
    }

    /** The member's account, locked and settled, if it has {@code amount} available; refused otherwise. */
    private Account lockCovering(long memberId, BigDecimal amount, Instant now) {
        Account account = Account.lock(memberId);
        settlement.settle(account, now);
        if (account.available.compareTo(amount) < 0) {
            throw new InsufficientBalance(amount, account.available);
        }
        return account;
    }

    /** What {@link #spend} wrote, and what it took from each lot. */
    public record Spent(TransactionView transaction, List<Holds.Portion> portions) {
    }

    /**
     * Spends available bonuses at once (no hold first), from the lots {@code choice} allows, soonest-expiring first,
     * and answers what was taken from each lot so that a later cancellation can give the bonuses back with their
     * expiry and origin. Refuses more than is available, under the account's lock.
     */
    @Transactional
    public Spent spend(long memberId, Debit debit, Holds.LotChoice choice) {
        Instant now = clock.now();
        BigDecimal amount = Money.exact(debit.amount());
        Account account = lockCovering(memberId, amount, now);
        Holds.Taken taken = Holds.consume(memberId, amount, choice);
        LedgerTransaction tx = journal.post(account, Postings.spend(memberId, debit, taken.changes(), now), now).tx();
        return new Spent(TransactionView.of(tx), taken.portions());
    }

    /**
     * Takes back up to {@code amount} of an earlier credit — the one documented rule for reversals:
     * <ul>
     *   <li>a credit still pending is voided (VOID): it never becomes available;</li>
     *   <li>otherwise the reversal (REVERSAL) takes what is left of the credit's own lot first, then other available
     *       bonuses soonest-expiring first, and whatever the member had already spent beyond that becomes a debt: the
     *       available part goes negative, shows in the balance, and later credits repay it before anything else;</li>
     *   <li>bonuses of the credit that already burnt are not taken back again (the member lost them once), and no
     *       credit is taken back beyond its amount, however many partial reversals arrive.</li>
     * </ul>
     * Answers empty when nothing of the credit is left to take back.
     */
    @Transactional
    public java.util.Optional<TransactionView> reverse(long memberId, Reversal reversal) {
        Instant now = clock.now();
        Account account = Account.lock(memberId);
        settlement.settle(account, now);
        Lot lot = Lot.<Lot>find("transactionId = ?1 and accountId = ?2", reversal.creditTransactionId(), memberId)
                .firstResultOptional()
                .orElseThrow(() -> app.sarafan.common.error.ProblemException.notFound("Credit transaction",
                        String.valueOf(reversal.creditTransactionId())));
        BigDecimal requested = Money.exact(reversal.amount());
        BigDecimal takenBack = takenBack(lot.transactionId);
        BigDecimal burnt = sumOf("""
                select coalesce(-sum(m.amount), 0) from LotMovement m, LedgerTransaction t
                where m.lotId = ?1 and m.transactionId = t.id and t.kind = ?2""",
                lot.id, TransactionKind.EXPIRY);
        BigDecimal amount = requested.min(lot.amount.subtract(takenBack).subtract(burnt));
        if (amount.signum() <= 0) {
            return java.util.Optional.empty();
        }
        if (lot.state == LotState.PENDING) {
            return java.util.Optional.of(TransactionView.of(journal.post(account,
                    Postings.voiding(lot.open(), amount, reversal.source(), reversal.reason(), now), now).tx()));
        }
        // Lots backing reserved bonuses stay with the reservation (Holds): only the unreserved part is taken.
        BigDecimal unreserved = activeRemaining(memberId).subtract(account.reserved);
        return java.util.Optional.of(TransactionView.of(journal.post(account, Postings.reversal(lot.open(), amount,
                unreserved, spendOrder(memberId), reversal.source(), reversal.reason(), now), now).tx()));
    }

    /** How much of a credit was voided or reversed so far (a positive amount). */
    public BigDecimal takenBack(long creditTransactionId) {
        return sumOf("""
                select coalesce(-sum(t.amount), 0) from LedgerTransaction t
                where t.relatedTransactionId = ?1 and t.kind in (?2, ?3)""",
                creditTransactionId, TransactionKind.VOID, TransactionKind.REVERSAL);
    }

    private static BigDecimal sumOf(String query, Object... params) {
        var q = LedgerTransaction.getEntityManager().createQuery(query, BigDecimal.class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getSingleResult();
    }

    private static BigDecimal activeRemaining(long memberId) {
        return sumOf("select coalesce(sum(l.remaining), 0) from Lot l where l.accountId = ?1 and l.state = ?2",
                memberId, LotState.ACTIVE);
    }

    private static List<OpenLot> spendOrder(long memberId) {
        return Lot.inSpendOrder(memberId).stream().map(Lot::open).toList();
    }
}
