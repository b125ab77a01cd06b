package app.sarafan.redemption;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A line of the order with its share of the bonuses: the shop prints {@code totalAfterDiscount} on the fiscal
 * receipt. Lines of excluded categories get no discount.
 */
@RegisterForReflection
public record LineDiscount(String sku, String category, BigDecimal unitPrice, int quantity, BigDecimal total,
        boolean excluded, BigDecimal discount, BigDecimal totalAfterDiscount) {
}
