package app.sarafan.referral;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Codes people read aloud and type: an alphabet without look-alikes (no 0/O, 1/I/L), upper case, compared
 * case-insensitively. Eight random characters give 31^8 ≈ 8.5 × 10^11 codes, so a code cannot be guessed.
 */
public final class ReferralCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {
    }

    public static String random(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * A fresh code that is not taken yet. Collisions are rare at these lengths; a few retries make them harmless,
     * and the unique index decides if two writers still meet.
     */
    static String unique(java.util.function.Supplier<String> candidate, java.util.function.Predicate<String> taken) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String code = candidate.get();
            if (!taken.test(code)) {
                return code;
            }
        }
        throw new IllegalStateException("No free code after 10 attempts");
    }

    /** The stored form of what a person typed: trimmed and upper-cased; null stays null. */
    public static String normalize(String typed) {
        return typed == null || typed.isBlank() ? null : typed.trim().toUpperCase(Locale.ROOT);
    }
}
