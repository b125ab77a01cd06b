package app.sarafan.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import app.sarafan.support.ApiTest;
import app.sarafan.support.ShopEvents;
import app.sarafan.support.TestRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A body is exactly one JSON value saying only what Sarafan understands: a duplicated key, content after the value,
 * a second value or an unknown property is a 400 problem naming the key or the position, and nothing is written.
 */
@QuarkusTest
class StrictBodiesTest extends ApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String CREDIT = "{\"type\":\"CREDIT\",\"amount\":\"0.50\",\"reason\":\"x\"}";

    @Inject
    DataSource db;

    private final TestRules rules = new TestRules();

    @AfterEach
    void rulesOutOfForce() {
        rules.deactivateAll();
    }

    // ---- a money endpoint: admin adjustments ------------------------------------------------------------------

    @Test
    void aDuplicatedKeyIsRefusedNotReadAsItsLastValue() {
        String alice = newMember();
        credit(alice, "10.00");
        adjustRaw(alice, "{\"type\":\"CREDIT\",\"amount\":\"0.50\",\"reason\":\"x\",\"type\":\"DEBIT\"}").statusCode(400)
                .contentType(PROBLEM).body("type", endsWith("/validation")).body("status", equalTo(400))
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("more than once"));
        assertNothingWrittenFor(alice, "10.00", 1);
    }

    @Test
    void trailingContentAfterTheBodyIsRefused() {
        String alice = newMember();
        credit(alice, "10.00");
        adjustRaw(alice, CREDIT + " garbage").statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-request")).body("status", equalTo(400))
                .body("detail", containsString("exactly one JSON value"))
                .body("detail", containsString("line 1, column "));
        assertNothingWrittenFor(alice, "10.00", 1);
    }

    @Test
    void aSecondJsonValueIsRefusedNotIgnored() {
        String alice = newMember();
        credit(alice, "10.00");
        adjustRaw(alice, CREDIT + CREDIT).statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-request"))
                .body("detail", containsString("exactly one JSON value"))
                .body("detail", containsString("line 1, column "));
        adjustRaw(alice, CREDIT + "\n[1]").statusCode(400).body("type", endsWith("/malformed-request"))
                .body("detail", containsString("line 2, column "));
        assertNothingWrittenFor(alice, "10.00", 1);
    }

    @Test
    void anUnknownPropertyIsRefusedNamingIt() {
        String alice = newMember();
        credit(alice, "10.00");
        // A misspelt lifetimeDays would otherwise credit bonuses that never expire.
        adjustRaw(alice, "{\"type\":\"CREDIT\",\"amount\":\"0.50\",\"reason\":\"x\",\"lifetimeDay\":30}").statusCode(400)
                .contentType(PROBLEM).body("type", endsWith("/validation"))
                .body("errors[0].field", equalTo("lifetimeDay"))
                .body("errors[0].message", containsString("is not a known property"))
                .body("errors[0].message", containsString("lifetimeDays"));
        assertNothingWrittenFor(alice, "10.00", 1);
    }

    @Test
    void aValidBodyWithWhitespaceAroundItIsStillAccepted() {
        String alice = newMember();
        adjustRaw(alice, "\n  " + CREDIT + " \r\n\t").statusCode(201).body("transaction.amount", equalTo("0.50"));
        assertEquals("0.50", available(alice));
    }

    // ---- a shop event (read raw for its signature) ------------------------------------------------------------

    @Test
    void aMalformedPaymentEventIsRefusedAndItsIdStaysFree() {
        rules.activate(Map.of("name", "Strict cashback", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "10.00"))));
        String alice = newMember();
        String id = ShopEvents.newId();
        String order = "cust-order-" + UUID.randomUUID();
        String paid = "{\"type\":\"ORDER_PAID\",\"memberId\":\"" + alice + "\",\"order\":{\"id\":\"" + order
                + "\",\"total\":\"1000.00\"}}";
        String balanceBefore = balanceOf(alice);

        ShopEvents.signed(id, paid + " garbage").post("/v1/events").then().statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-request")).body("detail", containsString("exactly one JSON value"));
        ShopEvents.signed(id, paid + paid).post("/v1/events").then().statusCode(400)
                .body("type", endsWith("/malformed-request")).body("detail", containsString("line 1, column "));
        ShopEvents.signed(id, paid.replace("\"total\":\"1000.00\"", "\"total\":\"1000.00\",\"total\":\"1.00\""))
                .post("/v1/events").then().statusCode(400).body("type", endsWith("/validation"))
                .body("errors[0].field", equalTo("order.total"));
        ShopEvents.signed(id, paid.replace("\"total\"", "\"bonusesApplied\":\"0.00\",\"totl\""))
                .post("/v1/events").then().statusCode(400).body("type", endsWith("/validation"))
                .body("errors[0].field", equalTo("order.totl"));
        ShopEvents.signed(id, paid.replace("}}", "},\"coupon\":\"SAVE10\"}")).post("/v1/events").then()
                .statusCode(400).body("errors[0].field", equalTo("coupon"));

        assertEquals(balanceBefore, balanceOf(alice));
        assertEquals(0, count("SELECT count(*) FROM shop_event WHERE id = ?", id));
        assertEquals(0, count("SELECT count(*) FROM shop_order WHERE order_id = ?", order));
        // The refused deliveries did not claim the event id: the correct body is processed, not a replay.
        ShopEvents.signed(id, paid).post("/v1/events").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("outcome", equalTo("PROCESSED")).body("accruals[0].amount", equalTo("100.00"));
    }

    // ---- rule definitions ---------------------------------------------------------------------------------------

    @Test
    void aRuleWithAMalformedBodyIsNotCreated() {
        String name = "Strict " + UUID.randomUUID();
        String rule = "{\"name\":\"" + name + "\",\"profile\":\"ORDER_PAID\",\"active\":false,"
                + "\"rewards\":[{\"recipient\":\"MEMBER\",\"type\":\"PERCENT\",\"value\":\"5.00\"}]}";

        createRule(rule.replace("\"type\":\"PERCENT\",", "\"type\":\"PERCENT\",\"percent\":\"5.00\",")).statusCode(400)
                .contentType(PROBLEM).body("type", endsWith("/validation"))
                .body("errors[0].field", equalTo("rewards[0].percent"))
                .body("errors[0].message", containsString("is not a known property"));
        createRule(rule.replace("\"active\":false,", "\"active\":false,\"lifetimeDay\":30,")).statusCode(400)
                .body("errors[0].field", equalTo("lifetimeDay"));
        createRule(rule.replace("\"profile\":\"ORDER_PAID\",", "\"conditions\":{\"minOrderAmount\":\"10.00\","
                + "\"includeCategory\":[\"shoes\"]},\"profile\":\"ORDER_PAID\",")).statusCode(400)
                .body("errors[0].field", equalTo("conditions.includeCategory"));
        createRule(rule.replace("\"type\":\"PERCENT\",", "\"type\":\"PERCENT\",\"type\":\"FIXED\",")).statusCode(400)
                .body("type", endsWith("/validation")).body("errors[0].field", equalTo("rewards[0].type"));
        createRule(rule + " x").statusCode(400).body("type", endsWith("/malformed-request"));
        createRule(rule + rule).statusCode(400).body("type", endsWith("/malformed-request"));

        assertEquals(0, count("SELECT count(*) FROM rule_version WHERE name = ?", name));
    }

    @Test
    void aRuleUpdateWithAMalformedBodyKeepsTheVersion() {
        String rule = "{\"name\":\"Strict update\",\"profile\":\"ORDER_PAID\",\"active\":false,\"lifetimeDays\":30,"
                + "\"rewards\":[{\"recipient\":\"MEMBER\",\"type\":\"PERCENT\",\"value\":\"5.00\"}]}";
        String id = createRule(rule).statusCode(201).extract().path("id");

        updateRule(id, rule.replace("\"lifetimeDays\":30", "\"lifetimeDays\":30,\"lifetimeDays\":3000"))
                .statusCode(400).body("errors[0].field", equalTo("lifetimeDays"));
        updateRule(id, rule.replace("\"lifetimeDays\":30", "\"lifetimeDay\":3000")).statusCode(400)
                .body("errors[0].field", equalTo("lifetimeDay"));
        updateRule(id, rule.replace("\"value\":\"5.00\"", "\"value\":\"5.00\",\"percent\":\"50.00\""))
                .statusCode(400).body("errors[0].field", equalTo("rewards[0].percent"));
        updateRule(id, rule + " garbage").statusCode(400).body("type", endsWith("/malformed-request"));
        updateRule(id, rule + rule.replace("5.00", "50.00")).statusCode(400).body("type", endsWith("/malformed-request"));

        admin().get("/v1/admin/rules/{id}", id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("definition.lifetimeDays", equalTo(30))
                .body("definition.rewards[0].value", equalTo("5.00"));
        admin().get("/v1/admin/rules/{id}/versions", id).then().statusCode(200).body("version", equalTo(List.of(1)));
    }

    @Test
    void aNumberOutOfRangeOrNestingTooDeepIsAPlainProblem() {
        plainProblem(admin().body("{\"name\":\"r\",\"profile\":\"ORDER_PAID\",\"active\":false,"
                + "\"priority\":99999999999}").post("/v1/admin/rules").then())
                .body("type", endsWith("/validation")).body("errors[0].field", equalTo("priority"))
                .body("errors[0].message", equalTo("is a number out of range"));
        String deep = "[".repeat(3000) + "]".repeat(3000);
        plainProblem(admin().body("{\"rows\":" + deep + "}").post("/v1/admin/imports").then())
                .body("type", endsWith("/malformed-request")).body("detail", containsString("nested at most"));
    }

    // ---- every kind on every body-reading endpoint --------------------------------------------------------------

    /** One body each operation accepts, as {@code method path body}; the test alters it four ways. */
    static Stream<Arguments> bodyReadingOperations() {
        return Stream.of(
                Arguments.of("shop", "POST", "/v1/members", "{\"externalId\":\"cust-strict\",\"email\":\"s@example.com\"}"),
                Arguments.of("shop", "PATCH", "/v1/members/cust-strict", "{\"name\":\"Strict\"}"),
                Arguments.of("shop", "POST", "/v1/members/cust-strict/block", "{\"reason\":\"chargebacks\"}"),
                Arguments.of("shop", "POST", "/v1/member-tokens", "{\"externalId\":\"cust-strict\"}"),
                Arguments.of("shop", "POST", "/v1/quotes", "{\"externalId\":\"cust-strict\",\"lines\":[]}"),
                Arguments.of("shop", "POST", "/v1/redemptions",
                        "{\"externalId\":\"cust-strict\",\"orderId\":\"o-1\",\"lines\":[]}"),
                Arguments.of("shop", "POST", "/v1/visits", "{\"visitorId\":\"v-1\",\"referralCode\":\"ABC\"}"),
                Arguments.of("admin", "POST", "/v1/admin/members/cust-strict/adjustments", CREDIT),
                Arguments.of("admin", "POST", "/v1/admin/rules",
                        "{\"name\":\"r\",\"profile\":\"ORDER_PAID\",\"active\":false}"),
                Arguments.of("admin", "POST", "/v1/admin/ranks", "{\"code\":\"STRICT\",\"name\":\"Strict\",\"position\":1}"),
                Arguments.of("admin", "POST", "/v1/admin/awards", "{\"code\":\"STRICT\",\"name\":\"Strict\"}"),
                Arguments.of("admin", "POST", "/v1/admin/members/cust-strict/awards",
                        "{\"award\":\"STRICT\",\"reason\":\"x\"}"),
                Arguments.of("admin", "POST", "/v1/admin/promo-materials",
                        "{\"title\":\"Strict\",\"body\":\"x\",\"locale\":\"en\"}"),
                Arguments.of("admin", "PUT", "/v1/admin/settings/coupons",
                        "{\"prefix\":\"S\",\"length\":8,\"discountText\":\"x\",\"maxActivePerMember\":1}"),
                Arguments.of("admin", "POST", "/v1/admin/webhooks",
                        "{\"url\":\"https://example.com/hook\",\"eventTypes\":[]}"),
                Arguments.of("admin", "POST", "/v1/admin/mass-operations",
                        "{\"type\":\"CREDIT\",\"amount\":\"1.00\",\"reason\":\"x\"}"),
                Arguments.of("admin", "POST", "/v1/admin/imports", "{\"rows\":[{\"externalId\":\"cust-strict-import\"}]}"),
                Arguments.of("admin", "POST", "/v1/admin/clock/advance", "{\"by\":\"PT0S\"}"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("bodyReadingOperations")
    void everyBodyReadingOperationRefusesEachMalformedKind(String caller, String method, String path, String body) {
        String open = body.substring(0, body.length() - 1);
        String firstKey = body.substring(body.indexOf('"') + 1, body.indexOf('"', body.indexOf('"') + 1));

        plainProblem(send(caller, method, path, body + " trailing"))
                .body("type", endsWith("/malformed-request")).body("detail", containsString("exactly one JSON value"));
        plainProblem(send(caller, method, path, body + body))
                .body("type", endsWith("/malformed-request")).body("detail", containsString("exactly one JSON value"));
        plainProblem(send(caller, method, path, open + ",\"" + firstKey + "\":null}"))
                .body("type", endsWith("/validation")).body("errors[0].field", equalTo(firstKey));
        plainProblem(send(caller, method, path, open + ",\"strictUnknownProperty\":1}"))
                .body("type", endsWith("/validation")).body("errors[0].field", equalTo("strictUnknownProperty"));
        plainProblem(send(caller, method, path, "null"));
        plainProblem(send(caller, method, path, "{\"a\": [1, 2"))
                .body("type", endsWith("/malformed-request")).body("detail", containsString("line 1, column"));
    }

    @Test
    void aMemberSideBodyIsStrictToo() {
        String alice = newMember();
        member(alice).contentType("application/json").body("{\"amount\":\"100.00\",\"payoutMethod\":\"BANK_CARD\","
                + "\"payoutDetails\":\"4276 1600 1234 5678\",\"payoutMethod\":\"PHONE\"}").post("/v1/me/withdrawals")
                .then().statusCode(400).body("errors[0].field", equalTo("payoutMethod"));
        member(alice).contentType("application/json").body("{\"visibility\":\"DISPLAY_NAME\",\"displayName\":\"Alice\"} x")
                .put("/v1/me/leaderboard-profile").then().statusCode(400).body("type", endsWith("/malformed-request"));
        member(alice).contentType("application/json").body("{\"preferences\":[{\"kind\":\"EXPIRY_WARNING\","
                + "\"enabled\":false,\"enable\":true}]}").put("/v1/me/notification-preferences").then()
                .statusCode(400).body("errors[0].field", equalTo("preferences[0].enable"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** What would name Java or a library in a problem's words. */
    private static final Pattern NOT_PLAIN = Pattern.compile("com\\.fasterxml|java\\.|jakarta\\.|app\\.sarafan|Exception"
            + "|FAIL_ON_|StreamReadFeature|DeserializationFeature|\\bclass\\b|`");

    /** A 400 problem whose words (detail and every error message) are the API's, never a Java or library name. */
    private static ValidatableResponse plainProblem(ValidatableResponse response) {
        response.statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        List<String> words = new ArrayList<>();
        words.add(response.extract().path("detail"));
        List<String> messages = response.extract().path("errors.message");
        if (messages != null) {
            words.addAll(messages);
        }
        for (String text : words) {
            assertFalse(NOT_PLAIN.matcher(text).find(), () -> "not plain words: " + text);
        }
        return response;
    }

    private static ValidatableResponse send(String caller, String method, String path, String body) {
        RequestSpecification request = ("shop".equals(caller) ? shop() : admin()).body(body);
        return request.request(method, path).then();
    }

    private static ValidatableResponse adjustRaw(String member, String body) {
        return plainProblemOrAccepted(admin().body(body).post("/v1/admin/members/{id}/adjustments", member).then());
    }

    private static ValidatableResponse plainProblemOrAccepted(ValidatableResponse response) {
        int status = response.extract().statusCode();
        return status == 400 ? plainProblem(response) : response;
    }

    private static ValidatableResponse createRule(String body) {
        return plainProblemOrAccepted(admin().body(body).post("/v1/admin/rules").then());
    }

    private static ValidatableResponse updateRule(String id, String body) {
        return plainProblemOrAccepted(admin().header("If-Match", "\"1\"").body(body)
                .put("/v1/admin/rules/{id}", id).then());
    }

    private static String balanceOf(String member) {
        return shop().get("/v1/members/{id}/balance", member).then().statusCode(200).extract().body().asString()
                .replaceAll("\"asOf\":\"[^\"]*\"", "");
    }

    private void assertNothingWrittenFor(String member, String available, int transactions) {
        assertEquals(available, available(member));
        shop().get("/v1/members/{id}/transactions", member).then().statusCode(200)
                .body("items.size()", equalTo(transactions));
        assertEquals(transactions, count("SELECT count(*) FROM ledger_transaction t JOIN member m "
                + "ON m.id = t.account_id WHERE m.external_id = ?", member));
    }

    private int count(String sql, String parameter) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
