package app.sarafan.ledger;

import java.math.BigDecimal;
import java.util.Optional;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A debit that answers "not covered" instead of throwing, for callers that debit many accounts in one database
 * transaction (a mass debit): {@link Ledger#debit} refuses with {@link InsufficientBalance}, which would mark the
 * whole transaction for rollback. Under the account's lock and after settling, the balance checked here is the one
 * {@link Ledger#debit} then checks again.
 */
@ApplicationScoped
public class CoveredDebits {

    /** The debit's transaction, or how much was available when it was not enough. */
    public record Outcome(TransactionView transaction, BigDecimal available) {

        public boolean covered() {
            return transaction != null;
        }
    }

    private final Ledger ledger;
    private final Settlement settlement;
    private final AppClock clock;

    CoveredDebits(Ledger ledger, Settlement settlement, AppClock clock) {
        this.ledger = ledger;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** Debits once per source: an account that already has a transaction of this kind from it is not debited. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome debitOnce(long memberId, Ledger.Debit debit) {
        Account account = Account.lock(memberId);
        Optional<LedgerTransaction> before = LedgerTransaction.<LedgerTransaction>find(
                "accountId = ?1 and sourceType = ?2 and sourceId = ?3 and kind = ?4", memberId,
                debit.source().type(), debit.source().id(), debit.kind()).firstResultOptional();
        if (before.isPresent()) {
            return new Outcome(TransactionView.of(before.get()), account.available);
        }
        settlement.settle(account, clock.now());
        if (account.available.compareTo(Money.exact(debit.amount())) < 0) {
            return new Outcome(null, account.available.max(Money.ZERO));
        }
        return new Outcome(ledger.debit(memberId, debit), null);
    }
}
