package app.sarafan.redemption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import app.sarafan.common.money.Money;
import org.junit.jupiter.api.Test;

class DiscountSplitTest {

    private static LineDiscount line(String sku, String price, int quantity, boolean excluded) {
        BigDecimal unit = new BigDecimal(price);
        BigDecimal total = unit.multiply(BigDecimal.valueOf(quantity));
        return new LineDiscount(sku, "Shoes", unit, quantity, total, excluded, Money.ZERO, total);
    }

    private static List<String> discounts(List<LineDiscount> split) {
        return split.stream().map(l -> Money.format(l.discount())).toList();
    }

    private static BigDecimal sum(List<LineDiscount> split) {
        return split.stream().map(LineDiscount::discount).reduce(Money.ZERO, BigDecimal::add);
    }

    @Test
    void threeEqualAwkwardLinesShareTheLeftoverCentByOrder() {
        List<LineDiscount> lines = List.of(line("A", "333.33", 1, false), line("B", "333.33", 1, false),
                line("C", "333.33", 1, false));
        List<LineDiscount> split = DiscountSplit.split(lines, new BigDecimal("200.00"));
        assertEquals(List.of("66.67", "66.67", "66.66"), discounts(split));
        assertEquals(new BigDecimal("200.00"), sum(split));
        assertEquals(new BigDecimal("266.66"), split.get(0).totalAfterDiscount());
    }

    @Test
    void theLargestRemaindersGetTheCentsLeft() {
        List<LineDiscount> lines = List.of(line("A", "10.00", 1, false), line("B", "20.00", 1, false),
                line("C", "70.00", 1, false));
        // exact shares of 0.05: 0.005, 0.01, 0.035 → floors 0.00, 0.01, 0.03; remainders .5, 0, .5 → A then C
        List<LineDiscount> split = DiscountSplit.split(lines, new BigDecimal("0.05"));
        assertEquals(List.of("0.01", "0.01", "0.03"), discounts(split));
        assertEquals(new BigDecimal("0.05"), sum(split));
    }

    @Test
    void excludedLinesGetNothingAndNoLineGetsMoreThanItsPrice() {
        List<LineDiscount> lines = List.of(line("GIFT", "5000.00", 1, true), line("SOCK", "0.01", 3, false),
                line("SHOE", "99.99", 1, false));
        List<LineDiscount> split = DiscountSplit.split(lines, new BigDecimal("100.02"));
        assertEquals(List.of("0.00", "0.03", "99.99"), discounts(split));
        assertEquals(new BigDecimal("0.00"), split.get(2).totalAfterDiscount());
    }

    @Test
    void manyLinesAlwaysAddUpExactly() {
        List<LineDiscount> lines = List.of(line("A", "333.33", 3, false), line("B", "0.07", 7, false),
                line("C", "1.01", 1, false), line("D", "12345.67", 2, false), line("E", "0.01", 1, false));
        BigDecimal eligible = lines.stream().map(LineDiscount::total).reduce(Money.ZERO, BigDecimal::add);
        for (String amount : List.of("0.01", "0.99", "1.00", "333.33", "2000.00", "9999.99")) {
            List<LineDiscount> split = DiscountSplit.split(lines, new BigDecimal(amount));
            assertEquals(new BigDecimal(amount), sum(split), amount);
            split.forEach(l -> org.junit.jupiter.api.Assertions.assertTrue(l.discount().compareTo(l.total()) <= 0));
        }
        assertEquals(eligible, sum(DiscountSplit.split(lines, eligible)));
    }

    @Test
    void withoutARuleNothingMayBeApplied() {
        Quote quote = SpendingPolicy.quote("cust-1", List.of(new CartLine("A", "Shoes", new BigDecimal("100.00"), 1)),
                new BigDecimal("500.00"), false, Optional.empty());
        assertEquals(QuoteReason.NO_RULE, quote.reason());
        assertEquals(Money.ZERO, quote.maxApplicable());
        assertEquals(new BigDecimal("100.00"), quote.orderTotal());
    }
}
