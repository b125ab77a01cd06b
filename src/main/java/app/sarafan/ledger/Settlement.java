package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brings a locked account up to date with the clock: pending lots whose hold ended become available
 * (ACTIVATION), and what is left of lots whose lifetime ended burns (EXPIRY). Every operation on an account does
 * this first, so nothing expired is ever spent and nothing matured waits for a job; the scheduled jobs do the
 * same for accounts nobody touches. Settling twice at the same instant writes nothing the second time.
 */
@ApplicationScoped
class Settlement {

    private final Journal journal;

    Settlement(Journal journal) {
        this.journal = journal;
    }

    /** Whether an account has something to settle at {@code now}; cheap, no lock, for read paths. */
    static boolean due(long memberId, Instant now) {
        return Lot.count("accountId = ?1 and ((state = ?2 and availableFrom <= ?3) or (state = ?4 and expiresAt <= ?3))",
                memberId, LotState.PENDING, now, LotState.ACTIVE) > 0;
    }

    void settle(Account account, Instant now) {
        // One query for both kinds: on almost every call there is nothing due, and then it is the only cost.
        List<Lot> due = Lot.find("""
                accountId = ?1 and ((state = ?2 and availableFrom <= ?3) or (state = ?4 and expiresAt <= ?3))
                order by availableFrom, id""", account.memberId, LotState.PENDING, now, LotState.ACTIVE).list();
        if (due.isEmpty()) {
            return;
        }
        for (Lot lot : due) {
            if (lot.state != LotState.PENDING) {
                continue;
            }
            LedgerTransaction tx = journal.post(account, Postings.activation(lot.open()), now).tx();
            repayDebt(account, lot, tx);
        }
        // Lots that matured just now may be past their expiry too: they burn with the others, soonest first.
        due.stream()
                .filter(lot -> lot.state == LotState.ACTIVE && lot.expiresAt != null && !lot.expiresAt.isAfter(now))
                .sorted(java.util.Comparator.comparing((Lot lot) -> lot.expiresAt).thenComparing(lot -> lot.id))
                .forEach(lot -> expireIfDue(account, lot, now));
    }

    /** Burns what is left of an active lot whose lifetime has ended. */
    void expireIfDue(Account account, Lot lot, Instant now) {
        if (lot.state != LotState.ACTIVE || lot.expiresAt == null || lot.expiresAt.isAfter(now)) {
            return;
        }
        // What backs a reservation does not burn until the reservation is released (Holds).
        BigDecimal left = lot.remaining.subtract(Holds.reservedPart(account, lot));
        if (left.signum() <= 0) {
            return;
        }
        journal.post(account, Postings.expiry(lot.open(), left, now), now);
    }

    /**
     * A negative available part is a debt (reversed bonuses that had been spent); a lot that becomes available
     * pays it off first. The debt lives only in the balance, so repaying it moves no amount: it just takes the
     * lot's bonuses out of what can be spent.
     */
    void repayDebt(Account account, Lot lot, LedgerTransaction cause) {
        BigDecimal debtBefore = account.available.subtract(lot.remaining).negate();
        if (debtBefore.signum() <= 0) {
            return;
        }
        Postings.debtRepayment(lot.open(), debtBefore).forEach(change -> journal.apply(cause, change));
    }
}
