package app.sarafan.event;

import java.math.BigDecimal;

/**
 * Fired (CDI, synchronously, in the transaction recording the shop's event) for every refund of a paid order.
 * {@code refundedShare} is the cumulative share of the order refunded so far, an exact fraction in (0, 1]; 1 means
 * fully refunded. A feature that gives back a proportion X of something computes its target as
 * {@code Money.rounded(X * refundedShare)} and gives back the target minus what it gave back before, so rounding
 * never drifts however many partial refunds arrive.
 */
public record OrderRefunded(long memberId, String orderId, String eventId, BigDecimal refundedShare) {
}
