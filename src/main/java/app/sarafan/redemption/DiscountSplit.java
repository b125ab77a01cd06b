package app.sarafan.redemption;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import app.sarafan.common.money.Money;

/**
 * Splits an amount of bonuses across the eligible lines of an order in proportion to their totals, so that the
 * per-line discounts add up exactly to the amount (largest remainder: every line gets its share rounded down to the
 * cent, and the cents left go one each to the lines whose shares lost the most, earlier lines first on a tie).
 * A line never gets more than its total, and excluded lines get nothing. Integer arithmetic in cents: no rounding
 * error can creep in.
 */
final class DiscountSplit {

    private DiscountSplit() {
    }

    /** {@code amount} must not exceed the total of the eligible lines. */
    static List<LineDiscount> split(List<LineDiscount> lines, BigDecimal amount) {
        BigInteger amountCents = cents(amount);
        BigInteger eligibleCents = lines.stream().filter(l -> !l.excluded()).map(l -> cents(l.total()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        if (amountCents.compareTo(eligibleCents) > 0) {
            throw new IllegalArgumentException("Cannot discount " + amount + " from eligible lines worth less");
        }
        long[] shares = new long[lines.size()];
        BigInteger[] remainders = new BigInteger[lines.size()];
        List<Integer> eligible = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < lines.size(); i++) {
            remainders[i] = BigInteger.ZERO;
            if (lines.get(i).excluded() || eligibleCents.signum() == 0) {
                continue;
            }
            BigInteger[] division = amountCents.multiply(cents(lines.get(i).total())).divideAndRemainder(eligibleCents);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += shares[i];
            eligible.add(i);
        }
        long left = amountCents.longValueExact() - given;
        eligible.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            shares[eligible.get(k)]++;
        }
        List<LineDiscount> split = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            LineDiscount line = lines.get(i);
            BigDecimal discount = BigDecimal.valueOf(shares[i], Money.SCALE);
            split.add(new LineDiscount(line.sku(), line.category(), line.unitPrice(), line.quantity(), line.total(),
                    line.excluded(), discount, line.total().subtract(discount)));
        }
        return split;
    }

    private static BigInteger cents(BigDecimal amount) {
        return amount.setScale(Money.SCALE, java.math.RoundingMode.UNNECESSARY).unscaledValue();
    }
}
