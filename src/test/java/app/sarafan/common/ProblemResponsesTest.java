package app.sarafan.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest extends ApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIsABadRequestProblem() {
        shop().body("{\"externalId\": \"x\", ").post("/v1/members").then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", endsWith("/malformed-request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/v1/members"))
                .body("detail", not(containsString("at app.sarafan")));
        shop().body("[1, 2]").post("/v1/members").then().statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-request"))
                .body("detail", equalTo("The body must be a JSON object"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        String alice = newMember();
        adjust(alice, Map.of("type", "CREDIT", "amount", true, "reason", "x")).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("amount"));
        adjust(alice, Map.of("type", "CREDIT", "amount", "10.00", "reason", "x", "lifetimeDays", "soon"))
                .then().statusCode(400).body("errors.field", hasItem("lifetimeDays"));
        adjust(alice, Map.of("type", "GIFT", "amount", "10.00", "reason", "x")).then().statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("CREDIT"));
        shop().body(Map.of("externalId", "cust-typed", "email", "t@example.com", "birthday", 19900501))
                .post("/v1/members").then().statusCode(400).body("errors.field", hasItem("birthday"));
        shop().body(Map.of("externalId", "cust-typed", "email", 42)).post("/v1/members").then().statusCode(400)
                .body("errors.field", hasItem("email"));
        shop().body(Map.of("externalId", "cust-typed", "email", "t@example.com", "profileCompleted", "yes"))
                .post("/v1/members").then().statusCode(400).body("errors.field", hasItem("profileCompleted"));
    }

    @Test
    void moneyWithMoreThanTwoDecimalsIsRefusedAsAStringAndAsANumber() {
        String alice = newMember();
        adjust(alice, Map.of("type", "CREDIT", "amount", "10.005", "reason", "x")).then().statusCode(400)
                .body("errors[0].field", equalTo("amount"))
                .body("errors[0].message", equalTo("must have at most 2 fractional digits"));
        adjust(alice, Map.of("type", "CREDIT", "amount", new java.math.BigDecimal("10.005"), "reason", "x"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("amount"))
                .body("errors[0].message", equalTo("must have at most 2 fractional digits"));
        adjust(alice, Map.of("type", "CREDIT", "amount", true, "reason", "x")).then().statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        adjust(alice, Map.of("type", "CREDIT", "amount", "0.00", "reason", "x")).then().statusCode(400)
                .body("errors[0].field", equalTo("amount"));
    }

    @Test
    void missingRequiredFieldsAreListed() {
        shop().body(Map.of("name", "No Id")).post("/v1/members").then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", endsWith("/validation"))
                .body("errors.field", hasItem("externalId"))
                .body("errors.field", hasItem("email"));
        String alice = newMember();
        adjust(alice, Map.of("type", "CREDIT", "amount", "5.00")).then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("reason")));
        shop().post("/v1/members").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void memberFieldsAreValidated() {
        shop().body(Map.of("externalId", "cust-v1", "email", "not-an-email", "birthday", "2999-01-01",
                        "timeZone", "Mars/Olympus", "locale", "!!"))
                .post("/v1/members").then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("birthday", "email", "locale", "timeZone")));
        shop().body(Map.of("externalId", "cust v1", "email", "a@example.com"))
                .post("/v1/members").then().statusCode(400).body("errors.field", hasItem("externalId"));
        shop().body(Map.of("externalId", "cust-v2", "email", "a@example.com", "timeZone", "+03:00"))
                .post("/v1/members").then().statusCode(400).body("errors.field", hasItem("timeZone"));
        shop().body(Map.of("externalId", "cust-v3", "email", "a@example.com",
                        "locale", "en-" + "abcdefgh-".repeat(5) + "x"))
                .post("/v1/members").then().statusCode(400).body("errors.field", hasItem("locale"));
    }

    @Test
    void anUnknownMemberIsNotFound() {
        shop().get("/v1/members/{id}", "cust-unknown").then().statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("/not-found"))
                .body("detail", containsString("cust-unknown"));
        shop().get("/v1/members/{id}/balance", "cust-unknown").then().statusCode(404);
        adjust("cust-unknown", Map.of("type", "CREDIT", "amount", "5.00", "reason", "x")).then().statusCode(404);
    }

    @Test
    void frameworkErrorsAreProblemsToo() {
        given().get("/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM);
        given().header("X-Api-Key", SHOP_KEY).get("/v1/members").then().statusCode(405).contentType(PROBLEM);
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.XML).body("<member/>")
                .post("/v1/members").then().statusCode(415).contentType(PROBLEM)
                .body("type", endsWith("/unsupported-media-type"));
        String huge = "{\"externalId\":\"cust-big\",\"email\":\"a@example.com\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        shop().body(huge).post("/v1/members").then().statusCode(413).contentType(PROBLEM)
                .body("type", endsWith("/payload-too-large"));
    }

    @Test
    void badListParametersNameTheParameter() {
        String alice = newMember();
        shop().queryParam("kind", "BONUS").get("/v1/members/{id}/transactions", alice).then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        shop().queryParam("limit", "1000").get("/v1/members/{id}/transactions", alice).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        shop().queryParam("limit", "ten").get("/v1/members/{id}/transactions", alice).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        shop().queryParam("cursor", "garbage").get("/v1/members/{id}/transactions", alice).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        shop().queryParam("from", "yesterday").get("/v1/members/{id}/transactions", alice).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void adjustmentTermsAreChecked() {
        String alice = newMember();
        adjust(alice, Map.of("type", "DEBIT", "amount", "5.00", "reason", "x", "lifetimeDays", 3))
                .then().statusCode(400).body("errors.field", equalTo(java.util.List.of("lifetimeDays")));
        adjust(alice, Map.of("type", "CREDIT", "amount", "5.00", "reason", "x", "lifetimeDays", 3,
                "expiresAt", "2030-01-01T00:00:00Z")).then().statusCode(400)
                .body("errors[0].field", equalTo("expiresAt"));
        adjust(alice, Map.of("type", "CREDIT", "amount", "5.00", "reason", "x", "expiresAt", "2001-01-01T00:00:00Z"))
                .then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        adjust(alice, Map.of("type", "CREDIT", "amount", "5.00", "reason", " ")).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        adjust(alice, Map.of("type", "CREDIT", "amount", "5.00", "reason", "x", "delayDays", -1)).then()
                .statusCode(400).body("errors[0].field", equalTo("delayDays"));
        org.junit.jupiter.api.Assertions.assertEquals("0.00", available(alice));
    }
}
