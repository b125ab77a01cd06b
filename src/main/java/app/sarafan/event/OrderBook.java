package app.sarafan.event;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.money.Money;
import app.sarafan.earning.OrderFacts;
import app.sarafan.earning.RewardMath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Orders as the events describe them. Each event about an order works on the order's row under its lock, so events
 * about one order (even when they race) apply one after the other, in whatever order they arrive.
 */
@ApplicationScoped
class OrderBook {

    private final EntityManager em;
    private final StoredJson json;

    OrderBook(EntityManager em, StoredJson json) {
        this.em = em;
        this.json = json;
    }

    /** The order, locked; created with {@code initial} status when no event named it before. */
    ShopOrder lock(String orderId, long memberId, ShopOrder.Status initial, Instant now) {
        em.createNativeQuery("""
                        INSERT INTO shop_order (order_id, member_id, status, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (order_id) DO NOTHING""")
                .setParameter(1, orderId).setParameter(2, memberId).setParameter(3, initial.name())
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        ShopOrder order = em.find(ShopOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order.memberId != memberId) {
            throw ProblemException.invalid("memberId", "order " + orderId + " belongs to another member");
        }
        return order;
    }

    /** Takes the order's details from an event that carries them; before payment only, then they are final. */
    void describe(ShopOrder order, ShopEventRequest.Order data, boolean payment) {
        if (data == null || (order.status == ShopOrder.Status.PAID && !payment)) {
            return;
        }
        boolean hasLines = data.lines() != null && !data.lines().isEmpty();
        if (data.total() == null && !hasLines && order.total != null) {
            return; // an event naming the order only
        }
        if (data.total() == null && !hasLines) {
            throw ProblemException.invalid("order.total", "give the order total or its lines");
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
        return ShopOrder.count("memberId = ?1 and orderId <> ?2 and status in ?3", order.memberId, order.orderId,
                List.of(ShopOrder.Status.PLACED, ShopOrder.Status.PAID)) == 0;
    }

    /**
     * Records a refund and answers the order's new cumulative refunded share. A refund by lines counts their value
     * against the value of all lines; a refund by amount counts it against the money paid; neither means all.
     */
    BigDecimal refund(ShopOrder order, ShopEventRequest.Refund refund) {
        RefundsSoFar before = order.refunds == null ? new RefundsSoFar(Money.ZERO, Map.of())
                : json.read(order.refunds, RefundsSoFar.class);
        boolean byLines = refund != null && refund.lines() != null && !refund.lines().isEmpty();
        boolean byAmount = refund != null && refund.amount() != null;
        if (byLines && byAmount) {
            throw ProblemException.invalid("refund", "give an amount or lines, not both");
        }
        BigDecimal share;
        RefundsSoFar after;
        if (byLines) {
            if (!described(order) || lines(order).isEmpty()) {
                throw ProblemException.invalid("refund.lines", "the order's lines are not known; send the order");
            }
            Map<String, Integer> quantities = new HashMap<>(before.quantities());
            BigDecimal value = BigDecimal.ZERO;
            for (int i = 0; i < refund.lines().size(); i++) {
                ShopEventRequest.RefundLine line = refund.lines().get(i);
                List<OrderFacts.Line> ordered = lines(order).stream().filter(l -> l.sku().equals(line.sku())).toList();
                if (ordered.isEmpty()) {
                    throw ProblemException.invalid("refund.lines[" + i + "].sku", "is not in order " + order.orderId);
                }
                int bought = ordered.stream().mapToInt(OrderFacts.Line::quantity).sum();
                int refunded = quantities.getOrDefault(line.sku(), 0);
                if (refunded + line.quantity() > bought) {
                    throw ProblemException.invalid("refund.lines[" + i + "].quantity",
                            "only " + (bought - refunded) + " of " + line.sku() + " are left to refund");
                }
                quantities.put(line.sku(), refunded + line.quantity());
                value = value.add(ordered.get(0).price().multiply(BigDecimal.valueOf(line.quantity())));
            }
            BigDecimal all = facts(order, false).linesValue();
            share = all.signum() == 0 ? BigDecimal.ONE : value.divide(all, RewardMath.FRACTION);
            after = new RefundsSoFar(before.amount(), quantities);
        } else if (byAmount) {
            if (!described(order)) {
                throw ProblemException.invalid("refund.amount", "the order's total is not known; send the order");
            }
            BigDecimal amount = Money.exact(refund.amount());
            BigDecimal paid = facts(order, false).paid();
            BigDecimal left = paid.subtract(Money.rounded(paid.multiply(order.refundedShare, RewardMath.FRACTION)));
            if (amount.compareTo(left) > 0) {
                throw ProblemException.invalid("refund.amount", "exceeds what is left to refund of the payment ("
                        + Money.format(left.max(Money.ZERO)) + ")");
            }
            share = amount.divide(paid, RewardMath.FRACTION);
            after = new RefundsSoFar(before.amount().add(amount), before.quantities());
        } else {
            share = BigDecimal.ONE;
            after = before;
        }
        order.refunds = json.write(after);
        order.refundedShare = order.refundedShare.add(share).min(BigDecimal.ONE);
        return order.refundedShare;
    }

    private List<OrderFacts.Line> lines(ShopOrder order) {
        return order.lines == null ? List.of() : json.read(order.lines, OrderLines.class).lines();
    }
}
