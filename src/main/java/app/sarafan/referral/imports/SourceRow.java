package app.sarafan.referral.imports;

import java.util.List;

import app.sarafan.common.error.FieldError;

/**
 * One row as read from a CSV or JSON document, before its values are checked: text as given (null when absent),
 * and what could not even be read (a number where a string belongs, a malformed lot).
 */
record SourceRow(int number, String externalId, String referrerExternalId, String email, String name, String balance,
        List<SourceLot> lots, List<FieldError> unreadable) {

    /** A lot as read: its amount and expiry as text. */
    record SourceLot(String amount, String expiresAt) {
    }
}
