package app.sarafan.rule;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleAdministrationTest extends ApiTest {

    /** The rules these tests save would otherwise stay in force for every later test class. */
    @org.junit.jupiter.api.AfterEach
    void noRuleLeftInForce() {
        app.sarafan.support.TestRules.noRuleInForce();
    }

    /** SPEC §13: the customer gets 5 % of the paid amount, valid one month; the referrer 5 %. */
    static Map<String, Object> cashback(String percent) {
        return Map.of("name", "Cashback " + percent + " %", "profile", "ORDER_PAID", "lifetimeDays", 30,
                "rewards", List.of(
                        Map.of("recipient", "MEMBER", "type", "PERCENT", "value", percent),
                        Map.of("recipient", "REFERRER", "type", "PERCENT",
                                "levels", List.of(Map.of("level", 1, "value", "5.00"), Map.of("level", 2, "value", "2.00")))));
    }

    private static Response create(Map<String, Object> rule) {
        return admin().body(rule).post("/v1/admin/rules");
    }

    @Test
    void anAdministratorCreatesARuleWithDefaultsAndAnETag() {
        create(cashback("5.00")).then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .header("Location", org.hamcrest.Matchers.containsString("/v1/admin/rules/"))
                .body("version", equalTo(1))
                .body("definition.active", equalTo(true))
                .body("definition.priority", equalTo(100))
                .body("definition.rewards[0].value", equalTo("5.00"))
                .body("definition.rewards[1].levels.level", equalTo(List.of(1, 2)));
    }

    @Test
    void editingARuleWritesANewVersionAndKeepsTheOldOne() {
        String id = create(cashback("5.00")).then().statusCode(201).extract().path("id");
        admin().header("If-Match", "\"1\"").body(cashback("7.00")).put("/v1/admin/rules/{id}", id).then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("version", equalTo(2))
                .body("definition.rewards[0].value", equalTo("7.00"));
        admin().get("/v1/admin/rules/{id}/versions", id).then().statusCode(200)
                .body("version", equalTo(List.of(2, 1)))
                .body("[0].definition.rewards[0].value", equalTo("7.00"))
                .body("[1].definition.rewards[0].value", equalTo("5.00"));
        admin().get("/v1/admin/rules/{id}", id).then().header("ETag", equalTo("\"2\""));
    }

    @Test
    void twoAdministratorsCannotOverwriteEachOther() {
        String id = create(cashback("5.00")).then().statusCode(201).extract().path("id");
        admin().header("If-Match", "\"1\"").body(cashback("6.00")).put("/v1/admin/rules/{id}", id).then().statusCode(200);
        admin().header("If-Match", "\"1\"").body(cashback("8.00")).put("/v1/admin/rules/{id}", id).then()
                .statusCode(412).contentType("application/problem+json")
                .body("type", endsWith("/precondition-failed")).body("currentVersion", equalTo(2));
        admin().body(cashback("8.00")).put("/v1/admin/rules/{id}", id).then().statusCode(428)
                .body("type", endsWith("/precondition-required"));
        admin().get("/v1/admin/rules/{id}", id).then().body("definition.rewards[0].value", equalTo("6.00"));
    }

    @Test
    void aRuleIsValidatedOnSaveFieldByField() {
        create(Map.of("name", "Broken", "profile", "ORDER_PAID", "delayDays", -1, "lifetimeDays", 0,
                "rewards", List.of(
                        Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "120.00"),
                        Map.of("recipient", "REFERRER", "type", "PERCENT",
                                "levels", List.of(Map.of("level", 1, "value", "5.00"), Map.of("level", 3, "value", "1.00"))))))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("delayDays", "lifetimeDays", "rewards[0].value", "rewards[1].levels"));
        create(Map.of("name", "Welcome", "profile", "REGISTRATION",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))))
                .then().statusCode(400).body("errors.field", hasItem("rewards[0].type"));
        create(Map.of("name", "Bad categories", "profile", "ORDER_PAID",
                "conditions", Map.of("excludeCategories", List.of("ok", "", "<script>")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "10.00"))))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("conditions.excludeCategories[1]", "conditions.excludeCategories[2]")));
        create(Map.of("name", "Bad ranks", "profile", "ORDER_PAID",
                "conditions", Map.of("memberRanks", List.of("GOLD", "gold", "A".repeat(33))),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "10.00"))))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("conditions.memberRanks[1]", "conditions.memberRanks[2]")));
        create(Map.of("name", "Too many exclusions", "profile", "PAY_WITH_BONUSES", "spending", Map.of(
                "maxPercent", "20.00", "excludedCategories", java.util.Collections.nCopies(201, "Gift cards"))))
                .then().statusCode(400).body("errors.field", equalTo(List.of("spending.excludedCategories")));
        create(Map.of("name", "Spend", "profile", "PAY_WITH_BONUSES", "spending", Map.of("maxPercent", "0.00")))
                .then().statusCode(400).body("errors.field", equalTo(List.of("spending.maxPercent")));
        create(Map.of("name", "No profile")).then().statusCode(400).body("errors.field", hasItem("profile"));
        create(Map.of("name", "Spend with a lifetime", "profile", "PAY_WITH_BONUSES", "lifetimeDays", 30,
                "spending", Map.of("maxPercent", "20.00"), "withdrawal", Map.of("minAmount", "100.00")))
                .then().statusCode(400).body("errors.field", equalTo(List.of("lifetimeDays", "withdrawal")));
        create(Map.of("name", "Forever and a day", "profile", "REGISTRATION", "delayDays", 3651, "lifetimeDays", 36501,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "1.00"))))
                .then().statusCode(400).body("errors.field", equalTo(List.of("delayDays", "lifetimeDays")));
        create(Map.of("name", "Achievement", "profile", "USER_ACHIEVEMENT",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"))))
                .then().statusCode(400).body("errors.field", hasItem("conditions.threshold"));
    }

    @Test
    void theWorkedExampleRulesAreExpressible() {
        create(Map.of("name", "Welcome bonus", "profile", "REGISTRATION",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00")))).then().statusCode(201);
        create(Map.of("name", "Birthday", "profile", "BIRTHDAY", "lifetimeDays", 3,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "1000.00")))).then().statusCode(201);
        create(Map.of("name", "Referral 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", List.of(Map.of("level", 1, "value", "5.00")))))).then().statusCode(201);
        create(cashback("5.00")).then().statusCode(201);
        create(Map.of("name", "Pay up to 20 %", "profile", "PAY_WITH_BONUSES",
                "spending", Map.of("maxPercent", "20.00"))).then().statusCode(201);
        create(Map.of("name", "Big spender", "profile", "USER_ACHIEVEMENT",
                "conditions", Map.of("threshold", Map.of("metric", "TOTAL_SPENT", "value", "20000.00")),
                "limits", Map.of("perMember", 1),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00")))).then().statusCode(201);
        admin().queryParam("profile", "PAY_WITH_BONUSES").get("/v1/admin/rules").then().statusCode(200)
                .body("items.definition.profile", org.hamcrest.Matchers.everyItem(equalTo("PAY_WITH_BONUSES")));
        admin().queryParam("profile", "NOPE").get("/v1/admin/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("profile"));
    }

    @Test
    void aRetriedCreateWithAnIdempotencyKeyMakesOneRule() {
        String key = java.util.UUID.randomUUID().toString();
        String first = admin().header("Idempotency-Key", key).body(cashback("5.00")).post("/v1/admin/rules")
                .then().statusCode(201).extract().path("id");
        admin().header("Idempotency-Key", key).body(cashback("5.00")).post("/v1/admin/rules").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    @Test
    void onlyAdministratorsManageRulesAndUnknownRulesAreNotFound() {
        shop().body(cashback("5.00")).post("/v1/admin/rules").then().statusCode(403);
        io.restassured.RestAssured.given().get("/v1/admin/rules").then().statusCode(401);
        admin().get("/v1/admin/rules/{id}", "999999").then().statusCode(404);
        admin().get("/v1/admin/rules/{id}", "abc").then().statusCode(404);
        String id = create(cashback("5.00")).then().extract().path("id");
        admin().header("If-Match", "\"1\"").body(Map.of("name", "Other profile", "profile", "REGISTRATION",
                        "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "1.00"))))
                .put("/v1/admin/rules/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("profile"));
    }

    @Test
    void savingARuleAnswersWhatItPromisesMembersInBothLanguages() {
        create(Map.of("name", "First big order", "profile", "ORDER_PAID", "lifetimeMonths", 1,
                "conditions", Map.of("minOrderAmount", "3000.00", "firstOrderOnly", true),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))))
                .then().statusCode(201)
                .body("terms.en", org.hamcrest.Matchers.equalTo(
                        "5 % of every paid order, from 3000, first orders only, valid 1 month."))
                .body("terms.ru", org.hamcrest.Matchers.equalTo(
                        "5 % от каждого оплаченного заказа, от 3000, только за первый заказ, действуют 1 месяц."));
    }
}
