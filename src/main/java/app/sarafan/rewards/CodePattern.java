package app.sarafan.rewards;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * A code pattern such as {@code GIFT-####-????}: {@code #} becomes a random digit, {@code ?} a random letter A-Z,
 * anything else (capital letters, digits, {@code -}) stays as written.
 */
final class CodePattern {

    static final String DEFAULT = "RWD-####-????";
    static final int MAX_LENGTH = 64;
    /** At least this many codes must fit, so that random codes rarely collide (10^4 · 26^2). */
    static final BigInteger MIN_COMBINATIONS = BigInteger.valueOf(6_760_000);

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private CodePattern() {
    }

    /** Why the pattern cannot be used, or null when it can. */
    static String problem(String pattern) {
        if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        for (char c : pattern.toCharArray()) {
            if (!(c == '#' || c == '?' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return "may contain only capital letters, digits, '-', '#' (a random digit) and '?' (a random letter)";
            }
        }
        if (combinations(pattern).compareTo(MIN_COMBINATIONS) < 0) {
            return "must allow at least " + MIN_COMBINATIONS + " different codes (for example ####-??)";
        }
        return null;
    }

    static BigInteger combinations(String pattern) {
        BigInteger n = BigInteger.ONE;
        for (char c : pattern.toCharArray()) {
            if (c == '#') {
                n = n.multiply(BigInteger.TEN);
            } else if (c == '?') {
                n = n.multiply(BigInteger.valueOf(LETTERS.length()));
            }
        }
        return n;
    }

    static String generate(String pattern, RandomGenerator random) {
        StringBuilder code = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            code.append(switch (c) {
                case '#' -> (char) ('0' + random.nextInt(10));
                case '?' -> LETTERS.charAt(random.nextInt(LETTERS.length()));
                default -> c;
            });
        }
        return code.toString();
    }
}
