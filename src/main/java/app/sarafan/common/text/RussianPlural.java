package app.sarafan.common.text;

import java.math.BigDecimal;

/**
 * The Russian plural form a number takes: 1 бонус, 2 бонуса, 5 бонусов, 11 бонусов, 21 бонус; a fractional amount
 * takes the genitive singular (2,5 бонуса). One rule for the program terms and the emails members read.
 */
public final class RussianPlural {

    private RussianPlural() {
    }

    public static String of(BigDecimal value, String one, String few, String many) {
        if (value.stripTrailingZeros().scale() > 0) {
            return few;
        }
        long n = value.abs().longValue() % 100;
        if (n >= 11 && n <= 14) {
            return many;
        }
        return switch ((int) (n % 10)) {
            case 1 -> one;
            case 2, 3, 4 -> few;
            default -> many;
        };
    }
}
