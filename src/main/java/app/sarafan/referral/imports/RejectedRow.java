package app.sarafan.referral.imports;

import java.util.List;

import app.sarafan.common.error.FieldError;

/**
 * A row that was not imported: its number in the file (1 = the first row after the CSV header, or the first
 * element of {@code rows}), its externalId when it had one, and why — for people in {@code reason}, per field in
 * {@code errors}.
 */
public record RejectedRow(int row, String externalId, String reason, List<FieldError> errors) {
}
