package app.sarafan.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The audit log outlives every secret it could contain, so secrets never reach it: any property whose name says it
 * holds payout details, a key, a secret, a password or a token is replaced by its last four characters (like a card
 * slip), or by "****" when it is short or not text. A value masked already stays as it is.
 */
final class AuditMasking {

    static final String MASK = "****";
    private static final List<String> SENSITIVE = List.of("payoutdetails", "apikey", "secret", "password", "token",
            "cardnumber", "iban", "accountnumber", "credential", "signingkey", "privatekey");

    private AuditMasking() {
    }

    static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                object.set(field.getKey(), sensitive(field.getKey()) ? mask(field.getValue()) : masked(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, masked(array.get(i)));
            }
        }
        return node;
    }

    static boolean sensitive(String property) {
        String name = property.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SENSITIVE.stream().anyMatch(name::contains);
    }

    private static JsonNode mask(JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (!value.isTextual()) {
            return TextNode.valueOf(MASK);
        }
        String text = value.asText();
        if (text.startsWith(MASK)) {
            return value;
        }
        String compact = text.replaceAll("[\\s-]", "");
        return TextNode.valueOf(compact.length() < 8 ? MASK : MASK + compact.substring(compact.length() - 4));
    }
}
