package app.sarafan.ledger.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What the model test does to one member's account, and what it reads back. The service (over HTTP) and the
 * in-memory {@link LedgerModel} both answer it, so one runner can drive both and compare every answer.
 * Amounts are exact, scale 2; handles (credits, holds) are whatever each side calls them.
 */
public interface LedgerSubject {

    /** Credits {@code amount}, pending for {@code delayDays} (0: available at once), burning {@code lifetimeDays}
     * after it becomes available (0: never). Answers the credit's handle. */
    String credit(BigDecimal amount, int delayDays, int lifetimeDays);

    /** Spends available bonuses; false when the account has less available (refused, nothing written). */
    boolean spend(BigDecimal amount);

    /** Reserves bonuses for an order being paid with them; empty when the account has less available. */
    Optional<String> hold(BigDecimal amount);

    /** The order was paid with {@code captured} (at most what is held) of the hold; the rest goes back. */
    void confirm(String hold, BigDecimal captured);

    /** The reservation is cancelled: everything held goes back. */
    void cancel(String hold);

    /** Releases every reservation whose time ran out (the reservation sweep). */
    void sweep();

    /** The shop reports a paid order; the cashback rule credits the member. */
    Accrual orderPaid(String orderId, BigDecimal total);

    /** The shop cancels a paid order: its cashback is taken back. */
    List<Reversed> orderCancelled(String orderId);

    /** The shop refunds {@code amount} of a paid order: its cashback is taken down to the share still standing. */
    List<Reversed> orderRefunded(String orderId, BigDecimal amount);

    /** Moves business time forward. */
    void advance(int hours);

    /** Runs a job ("activation", "expiry") over every account. */
    void runJob(String job);

    /** The balance parts as the member would read them now. */
    Parts parts();

    /** The ledger invariant's violations (none when healthy). */
    List<String> violations();

    record Parts(BigDecimal available, BigDecimal pending, BigDecimal reserved, BigDecimal total) {
        @Override
        public String toString() {
            return "available " + available + ", pending " + pending + ", reserved " + reserved + ", total " + total;
        }
    }

    record Accrual(BigDecimal amount, boolean pending) {
    }

    /** A reversal as the shop's event answer lists it: VOID (of a pending credit) or REVERSAL, and its amount. */
    record Reversed(String kind, BigDecimal amount) {
        @Override
        public String toString() {
            return kind + " " + amount;
        }
    }
}
