package app.sarafan.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of bonuses (1 bonus = 1 unit of the shop's currency) are exact decimals with two fractional digits.
 *
 * <p>The one rounding rule of Sarafan: a computed amount (a percentage of a base, a proportional share) is
 * rounded to 0.01 with {@link RoundingMode#HALF_UP} ("commercial rounding", 0.005 → 0.01), once, at the end of
 * the computation. Amounts that come in from callers are never rounded: more than two fractional digits is an
 * error.
 */
public final class Money {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** An amount given by a caller, exactly as given: at most two fractional digits, else an exception. */
    public static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > SCALE) {
            throw new ArithmeticException("must have at most 2 fractional digits");
        }
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** A computed amount rounded by the one rule. */
    public static BigDecimal rounded(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    public static String format(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }
}
