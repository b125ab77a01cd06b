package app.sarafan.earning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.sarafan.common.money.Money;
import app.sarafan.rule.RuleDefinition.AmountType;
import app.sarafan.rule.RuleDefinition.Conditions;

/**
 * The arithmetic of rewards, kept pure so that it is tested without a database.
 *
 * <p>The one rounding rule: a reward is computed exactly (the base, the percent, the per-product sums) and rounded
 * once, HALF_UP to 0.01, as the last step — separately for every recipient and referral level, each from the same
 * exact base. A refund's share is an exact fraction (34 significant digits) until that same final rounding.
 */
public final class RewardMath {

    /** Precision of intermediate fractions (shares of an order); amounts themselves are exact decimals. */
    public static final MathContext FRACTION = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private RewardMath() {
    }

    /** The lines a rule's product conditions let through: included categories/SKUs (when named), minus excluded. */
    public static List<OrderFacts.Line> eligibleLines(Conditions conditions, List<OrderFacts.Line> lines) {
        if (conditions == null) {
            return lines;
        }
        return lines.stream().filter(line -> eligible(conditions, line)).toList();
    }

    static boolean eligible(Conditions c, OrderFacts.Line line) {
        if (c.includeCategories() != null && !c.includeCategories().isEmpty()
                && !containsIgnoringCase(c.includeCategories(), line.category())) {
            return false;
        }
        if (c.includeSkus() != null && !c.includeSkus().isEmpty() && !c.includeSkus().contains(line.sku())) {
            return false;
        }
        if (c.excludeCategories() != null && containsIgnoringCase(c.excludeCategories(), line.category())) {
            return false;
        }
        return c.excludeSkus() == null || !c.excludeSkus().contains(line.sku());
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        if (name == null) {
            return false;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> n.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Whether the rule's product conditions restrict lines at all (then an order without lines earns nothing). */
    public static boolean restrictsLines(Conditions c) {
        return c != null && ((c.includeCategories() != null && !c.includeCategories().isEmpty())
                || (c.includeSkus() != null && !c.includeSkus().isEmpty()));
    }

    /**
     * The exact base a percent is taken of: what was paid in money for the eligible lines. Bonuses and anything the
     * total holds beyond the lines (shipping, discounts) are spread over the lines in proportion to their value.
     */
    public static BigDecimal base(OrderFacts order, List<OrderFacts.Line> eligible) {
        if (order.lines().isEmpty()) {
            return order.paid();
        }
        BigDecimal all = order.linesValue();
        if (all.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal eligibleValue = eligible.stream().map(OrderFacts.Line::value).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        if (eligibleValue.compareTo(all) == 0) {
            return order.paid();
        }
        return order.paid().multiply(eligibleValue).divide(all, FRACTION);
    }

    /** A line's share of what was paid in money (for rights-holder rewards). */
    public static BigDecimal lineBase(OrderFacts order, OrderFacts.Line line) {
        BigDecimal all = order.linesValue();
        if (all.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return order.paid().multiply(line.value()).divide(all, FRACTION);
    }

    /** The exact (unrounded) amount of one reward value: FIXED as is, PERCENT of the base, PER_PRODUCT per unit. */
    public static BigDecimal exactAmount(AmountType type, BigDecimal value, Map<String, BigDecimal> perSku,
            BigDecimal base, List<OrderFacts.Line> lines) {
        return switch (type) {
            case FIXED -> value;
            case PERCENT -> base.multiply(value).divide(HUNDRED, FRACTION);
            case PER_PRODUCT -> lines.stream()
                    .filter(line -> perSku != null && perSku.containsKey(line.sku()))
                    .map(line -> perSku.get(line.sku()).multiply(BigDecimal.valueOf(line.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        };
    }

    /** The rounding rule, once, at the end. */
    public static BigDecimal round(BigDecimal exact) {
        return Money.rounded(exact);
    }

    /** What a share (0..1) of an amount is, rounded by the one rule. */
    public static BigDecimal shareOf(BigDecimal amount, BigDecimal share) {
        return Money.rounded(amount.multiply(share, FRACTION));
    }
}
