package app.sarafan.common.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What a caller may send as an amount or a percentage, exactly as openapi.yaml's {@code Money} says: a JSON string
 * of an optional {@code -}, 1 to 13 digits and, optionally, a point with one or two digits ({@code "1250"},
 * {@code "1250.5"}, {@code "-300.00"}) — no surrounding spaces, no {@code +}, no exponent, no third fractional
 * digit even when it is a zero ({@link #PATTERN} is the string branch's {@code pattern}) — or a JSON number whose
 * value has at most 13 integer and 2 fractional digits ({@code 500}, {@code 10.5}; the number branch's
 * {@code multipleOf: 0.01}, which JSON Schema defines on the value, so {@code 10.500} and {@code 1e3} are read
 * as 10.50 and 1000.00). 13 integer digits leave the ledger's NUMERIC(19, 2) room for sums.
 */
public final class MoneyText {

    public static final int MAX_INTEGER_DIGITS = 13;
    public static final String PATTERN = "^-?[0-9]{1," + MAX_INTEGER_DIGITS + "}(\\.[0-9]{1,2})?$";

    private static final BigDecimal INTEGER_BOUND = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);

    public static final String NOT_A_DECIMAL = "must be a decimal string such as \"1250.00\"";
    public static final String TOO_MANY_FRACTION_DIGITS = "must have at most 2 fractional digits";
    public static final String TOO_MANY_INTEGER_DIGITS = "must have at most " + MAX_INTEGER_DIGITS + " integer digits";

    private static final Pattern SPELLING = Pattern.compile(PATTERN);
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private MoneyText() {
    }

    /**
     * The amount this text spells, with two fractional digits.
     *
     * @throws IllegalArgumentException when it is not such a spelling; the message says why, for the caller
     */
    public static BigDecimal parse(String text) {
        if (SPELLING.matcher(text).matches()) {
            return new BigDecimal(text).setScale(Money.SCALE);
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(NOT_A_DECIMAL);
        }
        int point = text.indexOf('.');
        if (point >= 0 && text.length() - point - 1 > Money.SCALE) {
            throw new IllegalArgumentException(TOO_MANY_FRACTION_DIGITS);
        }
        throw new IllegalArgumentException(TOO_MANY_INTEGER_DIGITS);
    }

    /**
     * The amount a JSON number stands for, with two fractional digits.
     *
     * @throws IllegalArgumentException when its value has a third fractional digit or more than 13 integer digits
     */
    public static BigDecimal of(BigDecimal number) {
        if (number.stripTrailingZeros().scale() > Money.SCALE) {
            throw new IllegalArgumentException(TOO_MANY_FRACTION_DIGITS);
        }
        if (number.abs().compareTo(INTEGER_BOUND) >= 0) {
            throw new IllegalArgumentException(TOO_MANY_INTEGER_DIGITS);
        }
        return number.setScale(Money.SCALE);
    }
}
