package app.sarafan.massop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MassOperationRefusalTest extends MassOperationTestSupport {

    @Test
    void onlyAdministratorsReachMassOperations() {
        String anna = newMember();
        Map<String, Object> body = credit(key(), "10.00", List.of(anna));
        shop().body(body).post(PATH).then().statusCode(403);
        member(anna).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);
        shop().get(PATH).then().statusCode(403);
        member(anna).get(PATH).then().statusCode(403);
        shop().post(PATH + "/1/cancel").then().statusCode(403);
        shop().get(PATH + "/1/report").then().statusCode(403);
        assertUntouched(anna);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String anna = newMember();
        refused(with(credit(key(), "-5.00", List.of(anna)), "amount", "-5.00"), "amount");
        refused(with(credit(key(), "5.001", List.of(anna)), "amount", "5.001"), "amount");
        refused(with(credit(key(), "5.00", List.of(anna)), "reason", " "), "reason");
        refused(with(credit(key(), "5.00", List.of(anna)), "type", "GIFT"), "type");
        refused(with(credit(null, "5.00", List.of(anna)), "operationKey", null), "operationKey");
        refused(with(credit(key(), "5.00", null), "members", null), "members");
        refused(with(credit(key(), "5.00", List.of()), "members", List.of()), "members");
        refused(with(credit(key(), "5.00", List.of(anna)), "filter", Map.of("blocked", false)), "filter");
        refused(with(credit(key(), "5.00", null), "filter", Map.of("birthdayMonth", 13)), "filter.birthdayMonth");
        refused(with(credit(key(), "5.00", null), "filter", Map.of("registeredFrom", "2026-01-01T00:00:00Z",
                "registeredTo", "2025-01-01T00:00:00Z")), "filter.registeredTo");
        refused(with(with(credit(key(), "5.00", List.of(anna)), "type", "DEBIT"), "lifetimeDays", 30),
                "lifetimeDays");
        refused(with(credit(key(), "5.00", List.of(anna)), "expiresAt", "2020-01-01T00:00:00Z"), "expiresAt");
        refused(with(credit(key(), "5.00", null), "filter", Map.of("birthdaymonth", 12)), "filter.birthdaymonth");
        refused(with(credit(key(), "5.00", List.of(anna)), "member", anna), "member");
        admin().body("").post(PATH).then().statusCode(400);
        admin().get(PATH + "?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        admin().get(PATH + "?status=DONE").then().statusCode(400).body("errors.field", hasItem("status"));
        assertUntouched(anna);
    }

    @Test
    void unknownOperationsAreNotFound() {
        admin().get(PATH + "/999999999").then().statusCode(404)
                .body("type", equalTo("https://sarafan.app/problems/not-found"));
        admin().get(PATH + "/not-an-id").then().statusCode(404);
        admin().post(PATH + "/999999999/cancel").then().statusCode(404);
        admin().get(PATH + "/999999999/report").then().statusCode(404);
    }

    @Test
    void operationsAreListedNewestFirstPageByPage() {
        String anna = newMember();
        String first = run(credit(key(), "1.00", List.of(anna))).getString("id");
        String second = run(credit(key(), "1.00", List.of(anna))).getString("id");
        String cursor = admin().get(PATH + "?limit=1").then().statusCode(200)
                .body("items[0].id", equalTo(second)).extract().path("nextCursor");
        admin().get(PATH + "?limit=1&cursor=" + cursor).then().statusCode(200).body("items[0].id", equalTo(first));
        admin().get(PATH + "?status=COMPLETED&limit=100").then().statusCode(200).body("items.id", hasItem(first));
        admin().get(PATH + "?cursor=garbage").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static void refused(Map<String, Object> body, String field) {
        post(body).then().statusCode(400).body("errors.field", hasItem(field));
    }

    private static void assertUntouched(String externalId) {
        org.junit.jupiter.api.Assertions.assertEquals("0.00", available(externalId));
    }
}
