package app.sarafan.referral.imports;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.UnreadableJson;
import app.sarafan.common.money.Money;
import app.sarafan.common.money.MoneyText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an import sent as JSON: {@code {"rows": [{"externalId", "referrerExternalId", "email", "name", "balance" |
 * "lots": [{"amount", "expiresAt"}]}, ...]}}. A value of the wrong type rejects its row; an unknown property refuses
 * the document, as an unknown CSV column does (a misspelt referrer would otherwise import unbound members).
 */
final class JsonRows {

    private static final Set<String> ROW_PROPERTIES = Set.copyOf(CsvRows.COLUMNS);
    private static final Set<String> LOT_PROPERTIES = Set.of("amount", "expiresAt");

    private JsonRows() {
    }

    static List<SourceRow> read(String document, ObjectMapper json) {
        JsonNode root;
        try {
            // Amounts as BigDecimal from the start: a double would already have lost digits.
            root = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(document);
        } catch (JsonProcessingException e) {
            throw new ProblemException(UnreadableJson.problem(e));
        }
        if (root == null || !root.isObject() || !root.path("rows").isArray()) {
            throw ProblemException.invalid("rows", "must be an array of rows: {\"rows\": [...]}");
        }
        unknown(root, Set.of("rows"), "");
        List<SourceRow> rows = new ArrayList<>();
        int number = 0;
        for (JsonNode row : root.get("rows")) {
            number++;
            rows.add(row(number, row));
        }
        if (rows.isEmpty()) {
            throw ProblemException.invalid("rows", "has no rows");
        }
        return rows;
    }

    private static SourceRow row(int number, JsonNode row) {
        String at = "rows[" + (number - 1) + "]";
        List<FieldError> unreadable = new ArrayList<>();
        if (!row.isObject()) {
            unreadable.add(new FieldError("row", "must be an object"));
            return new SourceRow(number, null, null, null, null, null, null, unreadable);
        }
        unknown(row, ROW_PROPERTIES, at + ".");
        List<SourceRow.SourceLot> lots = null;
        JsonNode lotsNode = row.path("lots");
        if (lotsNode.isArray()) {
            lots = new ArrayList<>();
            int index = 0;
            for (JsonNode lot : lotsNode) {
                String field = "lots[" + index++ + "]";
                if (!lot.isObject()) {
                    unreadable.add(new FieldError(field, "must be an object {\"amount\", \"expiresAt\"}"));
                    continue;
                }
                unknown(lot, LOT_PROPERTIES, at + "." + field + ".");
                lots.add(new SourceRow.SourceLot(amount(lot, "amount", field + ".amount", unreadable),
                        text(lot, "expiresAt", field + ".expiresAt", unreadable)));
            }
        } else if (!lotsNode.isMissingNode() && !lotsNode.isNull()) {
            unreadable.add(new FieldError("lots", "must be an array of {\"amount\", \"expiresAt\"}"));
        }
        return new SourceRow(number, text(row, "externalId", "externalId", unreadable),
                text(row, "referrerExternalId", "referrerExternalId", unreadable),
                text(row, "email", "email", unreadable), text(row, "name", "name", unreadable),
                amount(row, "balance", "balance", unreadable), lots, unreadable);
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ProblemException.invalid(prefix + name, "is not a known property; known are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String property, String field, List<FieldError> unreadable) {
        JsonNode value = node.path(property);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            unreadable.add(new FieldError(field, "must be a string"));
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * Amounts spelt as everywhere in the API (MoneyText): a string taken as sent, or a number read by its value;
     * anything else rejects its row.
     */
    private static String amount(JsonNode node, String property, String field, List<FieldError> unreadable) {
        JsonNode value = node.path(property);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? null : value.asText();
        }
        if (value.isNumber()) {
            try {
                return Money.format(MoneyText.of(value.decimalValue()));
            } catch (IllegalArgumentException e) {
                unreadable.add(new FieldError(field, e.getMessage()));
                return null;
            }
        }
        unreadable.add(new FieldError(field, MoneyText.NOT_A_DECIMAL));
        return null;
    }
}
