package app.sarafan.member;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberLifecycleTest extends ApiTest {

    @Test
    void aShopRegistersUpdatesBlocksAndUnblocksAMember() {
        String id = "cust-" + java.util.UUID.randomUUID();
        shop().body(Map.of("externalId", id, "email", "ivan@example.ru", "name", "Ivan Petrov",
                        "phone", "+79161234567", "birthday", "1990-05-17", "locale", "ru", "timeZone", "Europe/Moscow"))
                .post("/v1/members").then().statusCode(201)
                .header("Location", endsWith("/v1/members/" + id))
                .body("status", equalTo("ACTIVE"))
                .body("locale", equalTo("ru"))
                .body("birthday", equalTo("1990-05-17"))
                .body("profileCompleted", equalTo(false));

        shop().body(Map.of("name", "Ivan P.", "profileCompleted", true, "newsletterSubscribed", true))
                .patch("/v1/members/{id}", id).then().statusCode(200)
                .body("name", equalTo("Ivan P."))
                .body("email", equalTo("ivan@example.ru"))
                .body("profileCompleted", equalTo(true))
                .body("newsletterSubscribed", equalTo(true));

        shop().body(Map.of("reason", "chargebacks")).post("/v1/members/{id}/block", id).then().statusCode(200)
                .body("status", equalTo("BLOCKED")).body("blockedReason", equalTo("chargebacks"));
        shop().get("/v1/members/{id}", id).then().body("status", equalTo("BLOCKED"));
        io.restassured.RestAssured.given().header("X-Api-Key", SHOP_KEY).post("/v1/members/{id}/unblock", id)
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("blockedReason", nullValue());
    }

    @Test
    void aNewMemberHasAnEmptyAccountAndDefaults() {
        String id = newMember();
        shop().get("/v1/members/{id}", id).then().body("locale", equalTo("en")).body("timeZone", equalTo("UTC"));
        shop().get("/v1/members/{id}/balance", id).then().statusCode(200)
                .body("available", equalTo("0.00")).body("pending", equalTo("0.00"))
                .body("reserved", equalTo("0.00")).body("total", equalTo("0.00"));
    }

    @Test
    void aDuplicateExternalIdIsAConflictAndChangesNothing() {
        String id = newMember();
        shop().body(Map.of("externalId", id, "email", "other@example.com")).post("/v1/members").then()
                .statusCode(409).body("type", endsWith("/duplicate")).body("externalId", equalTo(id));
        shop().get("/v1/members/{id}", id).then().body("email", equalTo(id + "@example.com"));
    }

    @Test
    void anInvalidUpdateChangesNothing() {
        String id = newMember();
        shop().body(Map.of("email", "broken", "name", "New Name")).patch("/v1/members/{id}", id).then()
                .statusCode(400).body("errors[0].field", equalTo("email"));
        shop().get("/v1/members/{id}", id).then().body("name", nullValue());
    }
}
