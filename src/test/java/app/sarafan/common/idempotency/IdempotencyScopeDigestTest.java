package app.sarafan.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class IdempotencyScopeDigestTest {

    private static final String ADJUST = "POST /v1/admin/members/{externalId}/adjustments";

    private static String digest(String caller, String operation, Map<String, List<String>> resource) {
        return new IdempotencyScope(caller, operation, new TreeMap<>(resource)).digest();
    }

    @Test
    void theDigestIsSixtyFourHexCharactersWhateverTheIdentifier() {
        String huge = "é@:".repeat(400);
        String digest = digest("admin:1", ADJUST, Map.of("externalId", List.of(huge)));
        assertEquals(64, digest.length());
        assertEquals(digest, digest.replaceAll("[^0-9a-f]", ""));
    }

    @Test
    void oneCallerOperationAndResourceIsOneScope() {
        assertEquals(digest("admin:1", ADJUST, Map.of("externalId", List.of("cust@x:1"))),
                digest("admin:1", ADJUST, Map.of("externalId", List.of("cust@x:1"))));
    }

    @Test
    void anotherCallerOperationOrResourceIsAnotherScope() {
        String scope = digest("admin:1", ADJUST, Map.of("externalId", List.of("cust@x:1")));
        assertNotEquals(scope, digest("admin:2", ADJUST, Map.of("externalId", List.of("cust@x:1"))));
        assertNotEquals(scope, digest("admin:1", "POST /v1/members/{externalId}/block",
                Map.of("externalId", List.of("cust@x:1"))));
        assertNotEquals(scope, digest("admin:1", ADJUST, Map.of("externalId", List.of("cust@x:2"))));
    }

    /** Identifiers are opaque: no case folding and no Unicode normalisation, as the operation compares them. */
    @Test
    void identifiersAreComparedAsTheyDecode() {
        String scope = digest("admin:1", ADJUST, Map.of("externalId", List.of("Cust")));
        assertNotEquals(scope, digest("admin:1", ADJUST, Map.of("externalId", List.of("cust"))));
        assertNotEquals(digest("admin:1", ADJUST, Map.of("externalId", List.of("\u00e9"))),
                digest("admin:1", ADJUST, Map.of("externalId", List.of("e\u0301"))));
    }

    /** Parts are length-prefixed, so moving a separator between two parts never gives the same encoding. */
    @Test
    void noChoiceOfPartsEncodesLikeAnother() {
        String op = "POST /a/{p}/b/{q}";
        assertNotEquals(digest("c", op, Map.of("p", List.of("x\u0000q\u0000y"), "q", List.of("v"))),
                digest("c", op, Map.of("p", List.of("x"), "q", List.of("y\u0000q\u0000v"))));
        assertNotEquals(digest("c d", "POST /x", Map.of()), digest("c", "d POST /x", Map.of()));
    }
}
