package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The parts of a member's balance. {@code total} = available + pending + reserved = the sum of all transactions.
 * {@code available} is negative only while a debt (reversed bonuses that had been spent) is being repaid.
 */
public record Balance(
        BigDecimal available,
        BigDecimal pending,
        BigDecimal reserved,
        BigDecimal total,
        ExpiringSoon expiringSoon,
        Instant asOf) {

    /** The part of available that burns within {@code withinDays}, and the nearest date something burns. */
    public record ExpiringSoon(BigDecimal amount, int withinDays, Instant nextExpiryAt) {
    }
}
