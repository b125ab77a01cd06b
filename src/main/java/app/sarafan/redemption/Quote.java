package app.sarafan.redemption;

import java.math.BigDecimal;
import java.util.List;

/**
 * How many bonuses may pay for a cart: {@code maxApplicable} = min(available, maxPercent of the eligible total);
 * {@code reason} says why it is 0, {@code limitedBy} what capped it otherwise. {@code lines} split maxApplicable
 * across the eligible lines. The rule fields are null when no rule is in force.
 */
public record Quote(
        String externalId,
        BigDecimal orderTotal,
        BigDecimal eligibleTotal,
        BigDecimal available,
        BigDecimal ruleCap,
        BigDecimal maxApplicable,
        QuoteReason reason,
        LimitedBy limitedBy,
        String ruleId,
        BigDecimal maxPercent,
        BigDecimal minOrderAmount,
        List<String> excludedCategories,
        List<LineDiscount> lines) {
}
