package app.sarafan.earning;

import java.math.BigDecimal;
import java.util.List;

import app.sarafan.common.money.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What order rules look at: the order total (what the customer owed before bonuses), the bonuses that paid part of
 * it, the coupon, the lines, and whether it is the buyer's first paid order.
 */
public record OrderFacts(String orderId, BigDecimal total, BigDecimal bonusesApplied, String couponCode,
        List<Line> lines, boolean firstOrder) {

    @RegisterForReflection
    public record Line(String sku, String category, BigDecimal price, int quantity, String rightsHolder) {

        public BigDecimal value() {
            return price.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /** What the customer paid in money: the total net of the bonuses spent on it (never below zero). */
    public BigDecimal paid() {
        return total.subtract(bonusesApplied).max(Money.ZERO);
    }

    public BigDecimal linesValue() {
        return lines.stream().map(Line::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
