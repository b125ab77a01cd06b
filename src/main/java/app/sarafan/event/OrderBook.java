package app.sarafan.event;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.money.Money;
import app.sarafan.common.sql.Jdbc;
import app.sarafan.earning.OrderFacts;
import app.sarafan.earning.RewardMath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Orders as the events describe them. Each event about an order works on the order's row under its lock, so events
 * about one order (even when they race) apply one after the other, in whatever order they arrive.
 */
@ApplicationScoped
class OrderBook {

    private static final String COLUMNS = """
            order_id, member_id, status, total, bonuses_applied, coupon_code, lines, placed_at, paid_at, cancelled_at,
            refunded_share, refunds, updated_at""";

    private final EntityManager em;
    private final StoredJson json;

    OrderBook(EntityManager em, StoredJson json) {
        this.em = em;
        this.json = json;
    }

    /**
     * The order, locked; created with {@code initial} status when no event named it before. Whoever changes it
     * {@link #save}s it before anything else reads orders (a member's figures do).
     */
    ShopOrder lock(String orderId, long memberId, ShopOrder.Status initial, Instant now) {
        // A new order comes back from the insert (and is locked by it); a known one is read under its lock.
        ShopOrder order = Jdbc.first(em, """
                        INSERT INTO shop_order (order_id, member_id, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING
                        RETURNING\s""" + COLUMNS, OrderBook::order, orderId, memberId, initial, now, now)
                .orElseGet(() -> Jdbc.first(em, "SELECT " + COLUMNS + " FROM shop_order WHERE order_id = ? FOR UPDATE",
                        OrderBook::order, orderId).orElseThrow());
        if (order.memberId != memberId) {
            throw ProblemException.invalid("memberId", "order " + orderId + " belongs to another member");
        }
        return order;
    }

    private static ShopOrder order(ResultSet row) throws SQLException {
        ShopOrder order = new ShopOrder();
        order.orderId = row.getString(1);
        order.memberId = row.getLong(2);
        order.status = ShopOrder.Status.valueOf(row.getString(3));
        order.total = row.getBigDecimal(4);
        order.bonusesApplied = row.getBigDecimal(5);
        order.couponCode = row.getString(6);
        order.lines = row.getString(7);
        order.placedAt = instant(row, 8);
        order.paidAt = instant(row, 9);
        order.cancelledAt = instant(row, 10);
        order.refundedShare = row.getBigDecimal(11);
        order.refunds = row.getString(12);
        order.updatedAt = instant(row, 13);
        return order;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Writes back what an event changed of the order {@link #lock} gave. */
    void save(ShopOrder order) {
        Jdbc.update(em, """
                        UPDATE shop_order SET status = ?, total = ?, bonuses_applied = ?, coupon_code = ?, lines = ?,
                            placed_at = ?, paid_at = ?, cancelled_at = ?, refunded_share = ?, refunds = ?, updated_at = ?
                        WHERE order_id = ?""",
                order.status, order.total, order.bonusesApplied, order.couponCode, order.lines, order.placedAt,
                order.paidAt, order.cancelledAt, order.refundedShare, order.refunds, order.updatedAt, order.orderId);
    }

    /**
     * Takes the order's details from an event that carries them (an event may name the order by id only); before
     * the payment only, after which they are final.
     */
    void describe(ShopOrder order, ShopEventRequest.Order data, boolean payment) {
        if (data == null || (order.status == ShopOrder.Status.PAID && !payment)) {
            return;
        }
        boolean hasLines = data.lines() != null && !data.lines().isEmpty();
        if (data.total() == null && !hasLines) {
            return; // an event naming the order only
        }
        List<OrderFacts.Line> lines = hasLines ? data.lines().stream().map(l -> new OrderFacts.Line(l.sku(),
                l.category(), Money.exact(l.price()), l.quantity(), l.rightsHolder())).toList() : List.of();
        BigDecimal total = data.total() != null ? Money.exact(data.total())
                : Money.exact(lines.stream().map(OrderFacts.Line::value).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal bonuses = data.bonusesApplied() == null ? Money.ZERO : Money.exact(data.bonusesApplied());
        if (bonuses.compareTo(total) > 0) {
            throw ProblemException.invalid("order.bonusesApplied", "must not exceed the order total " + total);
        }
        order.total = total;
        order.bonusesApplied = bonuses;
        order.couponCode = data.couponCode();
        order.lines = json.write(new OrderLines(lines));
    }

    boolean described(ShopOrder order) {
        return order.total != null;
    }

    OrderFacts facts(ShopOrder order, boolean firstOrder) {
        return new OrderFacts(order.orderId, order.total, order.bonusesApplied, order.couponCode, lines(order),
                firstOrder);
    }

    /** Whether no other order of the member was placed or paid before (for "first order only" rules). */
    boolean firstOrder(ShopOrder order) {
        return em.createNativeQuery("""
                        SELECT 1 FROM shop_order
                        WHERE member_id = ?1 AND order_id <> ?2 AND status IN ('PLACED', 'PAID') LIMIT 1""")
                .setParameter(1, order.memberId).setParameter(2, order.orderId).getResultList().isEmpty();
    }

    /**
     * Records a refund and answers the order's new cumulative refunded share: the money refunded so far over the
     * money paid, plus the value of the lines refunded so far over the value of all lines (at most 1). Both are
     * computed from cumulative figures, so refunds that add up to the whole order make a share of exactly 1.
     * Neither an amount nor lines means a refund in full.
     */
    BigDecimal refund(ShopOrder order, ShopEventRequest.Refund refund) {
        RefundsSoFar before = order.refunds == null ? new RefundsSoFar(Money.ZERO, Map.of())
                : json.read(order.refunds, RefundsSoFar.class);
        boolean byLines = refund != null && refund.lines() != null && !refund.lines().isEmpty();
        boolean byAmount = refund != null && refund.amount() != null;
        if (byLines && byAmount) {
            throw ProblemException.invalid("refund", "give an amount or lines, not both");
        }
        if (!byLines && !byAmount) {
            order.refundedShare = BigDecimal.ONE;
            return order.refundedShare;
        }
        if (!described(order)) {
            throw ProblemException.invalid(byLines ? "refund.lines" : "refund.amount",
                    "the order is not known yet; send the order with its total and lines");
        }
        RefundsSoFar after = byLines ? refundLines(order, before, refund.lines())
                : new RefundsSoFar(before.amount().add(Money.exact(refund.amount())), before.quantities());
        BigDecimal share = linesShare(order, after).add(amountShare(order, after));
        if (byAmount && share.compareTo(BigDecimal.ONE) > 0) {
            BigDecimal left = facts(order, false).paid().subtract(before.amount())
                    .subtract(facts(order, false).paid().multiply(linesShare(order, before)));
            throw ProblemException.invalid("refund.amount", "exceeds what is left to refund of the payment ("
                    + Money.format(Money.rounded(left.max(BigDecimal.ZERO))) + ")");
        }
        order.refunds = json.write(after);
        order.refundedShare = share.min(BigDecimal.ONE);
        return order.refundedShare;
    }

    private RefundsSoFar refundLines(ShopOrder order, RefundsSoFar before,
            List<ShopEventRequest.RefundLine> refunded) {
        Map<String, Integer> quantities = new HashMap<>(before.quantities());
        for (int i = 0; i < refunded.size(); i++) {
            ShopEventRequest.RefundLine line = refunded.get(i);
            int bought = lines(order).stream().filter(l -> l.sku().equals(line.sku()))
                    .mapToInt(OrderFacts.Line::quantity).sum();
            if (bought == 0) {
                throw ProblemException.invalid("refund.lines[" + i + "].sku", "is not in order " + order.orderId);
            }
            int done = quantities.getOrDefault(line.sku(), 0);
            if (done + line.quantity() > bought) {
                throw ProblemException.invalid("refund.lines[" + i + "].quantity",
                        "only " + (bought - done) + " of " + line.sku() + " are left to refund");
            }
            quantities.put(line.sku(), done + line.quantity());
        }
        return new RefundsSoFar(before.amount(), quantities);
    }

    /** The value of the lines refunded so far (each SKU at the price of its first line) over all lines' value. */
    private BigDecimal linesShare(ShopOrder order, RefundsSoFar refunds) {
        if (refunds.quantities().isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<OrderFacts.Line> lines = lines(order);
        BigDecimal all = facts(order, false).linesValue();
        if (all.signum() == 0) {
            return BigDecimal.ONE;
        }
        BigDecimal value = BigDecimal.ZERO;
        for (Map.Entry<String, Integer> sku : refunds.quantities().entrySet()) {
            BigDecimal price = lines.stream().filter(l -> l.sku().equals(sku.getKey())).findFirst()
                    .map(OrderFacts.Line::price).orElse(BigDecimal.ZERO);
            value = value.add(price.multiply(BigDecimal.valueOf(sku.getValue())));
        }
        return value.divide(all, RewardMath.FRACTION);
    }

    private BigDecimal amountShare(ShopOrder order, RefundsSoFar refunds) {
        if (refunds.amount().signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal paid = facts(order, false).paid();
        return paid.signum() == 0 ? BigDecimal.ONE : refunds.amount().divide(paid, RewardMath.FRACTION);
    }

    private List<OrderFacts.Line> lines(ShopOrder order) {
        return order.lines == null ? List.of() : json.read(order.lines, OrderLines.class).lines();
    }
}
