package app.sarafan.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Fired (CDI, synchronously, inside the transaction that records the shop's order-paid event) once per order, so
 * that other features react in the same transaction: redemptions capture the bonuses reserved for the order.
 * {@code bonusesApplied} is what the shop says bonuses paid of the order (0.00 when none); {@code total} is the
 * order total before bonuses.
 */
public record OrderPaid(long memberId, String orderId, String eventId, BigDecimal total, BigDecimal bonusesApplied,
        Instant paidAt) {
}
