package app.sarafan.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as Sarafan learnt it from the shop's events, in whatever order they came: the {@code shop_order} row,
 * read under its lock by {@link OrderBook#lock} and written back by {@link OrderBook#save}. A plain object, not an
 * entity: an event changes one order once, and an entity would be dirty-checked at each of the event's flushes.
 */
class ShopOrder {

    enum Status {
        /** Known only from a refund that arrived before anything else. */
        NEW, PLACED, PAID, CANCELLED
    }

    String orderId;
    long memberId;
    Status status;
    BigDecimal total;
    BigDecimal bonusesApplied;
    String couponCode;
    /** JSON: the lines (OrderLines). */
    String lines;
    Instant placedAt;
    Instant paidAt;
    Instant cancelledAt;
    /** The exact cumulative share of the order refunded, 0..1. */
    BigDecimal refundedShare;
    /** JSON: what was refunded so far (RefundsSoFar). */
    String refunds;
    Instant updatedAt;
}
