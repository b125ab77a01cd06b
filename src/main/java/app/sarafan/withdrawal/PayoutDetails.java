package app.sarafan.withdrawal;

import app.sarafan.common.error.ProblemException;

/**
 * Payout details are sensitive: checked for their method's shape, then only ever shown masked (the last four
 * characters, like a card slip) and stored encrypted. Refusals never repeat the value.
 */
final class PayoutDetails {

    private PayoutDetails() {
    }

    static String mask(String details) {
        if (details == null) {
            return null;
        }
        String compact = details.replaceAll("[\\s-]", "");
        return compact.length() < 8 ? "****" : "****" + compact.substring(compact.length() - 4);
    }

    /** The details in one canonical form (no spaces or dashes in numbers), or a 400 naming payoutDetails. */
    static String normalized(PayoutMethod method, String details) {
        String trimmed = details.trim();
        String digits = trimmed.replaceAll("[\\s-]", "");
        switch (method) {
            case BANK_CARD -> {
                if (!digits.matches("\\d{12,19}") || !luhn(digits)) {
                    throw ProblemException.invalid("payoutDetails", "must be a card number of 12 to 19 digits");
                }
                return digits;
            }
            case BANK_ACCOUNT -> {
                if (!digits.matches("[A-Za-z0-9]{8,34}")) {
                    throw ProblemException.invalid("payoutDetails", "must be an account number or IBAN of 8 to 34 "
                            + "letters and digits");
                }
                return digits.toUpperCase(java.util.Locale.ROOT);
            }
            case PHONE -> {
                if (!digits.matches("\\+?\\d{7,15}")) {
                    throw ProblemException.invalid("payoutDetails", "must be a phone number of 7 to 15 digits");
                }
                return digits;
            }
            default -> {
                if (trimmed.length() < 4) {
                    throw ProblemException.invalid("payoutDetails", "must be at least 4 characters");
                }
                return trimmed;
            }
        }
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
