package app.sarafan.referral.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.ProblemException;

/**
 * Reads an import sent as CSV (RFC 4180, UTF-8): a header line naming the columns, then one member per line.
 * Fields are separated by commas and may be double-quoted (a quote inside is doubled); empty lines are ignored.
 *
 * <p>Columns, in any order, names case-insensitive: {@code externalId} and {@code email} (required),
 * {@code referrerExternalId}, {@code name}, {@code balance}, {@code lots}. An unknown column is refused: a
 * misspelt {@code referrerExternalId} would otherwise import a whole network without its bindings, and a binding
 * is never changed later.
 *
 * <p>{@code lots} lists the member's lots separated by {@code ;}, each {@code amount} or
 * {@code amount@expiresAt}: {@code 100.00@2027-01-31T00:00:00Z;50.00} is 100.00 that burn at the end of January
 * 2027 and 50.00 that never burn.
 */
final class CsvRows {

    static final List<String> COLUMNS = List.of("externalId", "referrerExternalId", "email", "name", "balance", "lots");

    private CsvRows() {
    }

    static List<SourceRow> read(String document) {
        List<List<String>> records = records(document);
        if (records.isEmpty()) {
            throw ProblemException.invalid("body", "is empty: send a header line and at least one row");
        }
        Map<String, Integer> columns = header(records.get(0));
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            rows.add(row(i, records.get(i), columns));
        }
        return rows;
    }

    private static Map<String, Integer> header(List<String> names) {
        Map<String, String> known = new HashMap<>();
        COLUMNS.forEach(c -> known.put(c.toLowerCase(Locale.ROOT), c));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = known.get(names.get(i).trim().toLowerCase(Locale.ROOT));
            if (name == null) {
                throw ProblemException.invalid("header", "column '" + names.get(i).trim()
                        + "' is not one of " + String.join(", ", COLUMNS));
            }
            if (columns.put(name, i) != null) {
                throw ProblemException.invalid("header", "column '" + name + "' appears twice");
            }
        }
        for (String required : List.of("externalId", "email")) {
            if (!columns.containsKey(required)) {
                throw ProblemException.invalid("header", "column '" + required + "' is missing");
            }
        }
        return columns;
    }

    private static SourceRow row(int number, List<String> fields, Map<String, Integer> columns) {
        List<FieldError> unreadable = new ArrayList<>();
        if (fields.size() != columns.size()) {
            unreadable.add(new FieldError("row", "has " + fields.size() + " fields but the header names "
                    + columns.size() + " columns"));
        }
        String lots = value(fields, columns, "lots");
        return new SourceRow(number, value(fields, columns, "externalId"),
                value(fields, columns, "referrerExternalId"), value(fields, columns, "email"),
                value(fields, columns, "name"), value(fields, columns, "balance"),
                lots == null ? null : lots(lots), unreadable);
    }

    private static List<SourceRow.SourceLot> lots(String text) {
        List<SourceRow.SourceLot> lots = new ArrayList<>();
        for (String lot : text.split(";", -1)) {
            int at = lot.indexOf('@');
            String amount = (at < 0 ? lot : lot.substring(0, at)).trim();
            String expiresAt = at < 0 ? null : lot.substring(at + 1).trim();
            lots.add(new SourceRow.SourceLot(amount, expiresAt));
        }
        return lots;
    }

    private static String value(List<String> fields, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    /** Splits the document into records of fields; a malformed quote refuses the whole document. */
    static List<List<String>> records(String document) {
        String text = document.startsWith("\uFEFF") ? document.substring(1) : document;
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                endRecord(records, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else if (c == '"') {
                if (!field.toString().isBlank() || wasQuoted) {
                    throw malformed(line, "a quote may only open a field (write a quote inside a quoted field as \"\")");
                }
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted && !Character.isWhitespace(c)) {
                    throw malformed(line, "a quoted field must be followed by a comma or the end of the line");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw malformed(recordLine, "a quoted field is not closed");
        }
        fields.add(field.toString());
        endRecord(records, fields);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields) {
        boolean empty = fields.size() == 1 && fields.get(0).isBlank();
        if (!empty) {
            records.add(fields);
        }
    }

    private static ProblemException malformed(int line, String message) {
        return ProblemException.invalid("body", "line " + line + ": " + message);
    }
}
