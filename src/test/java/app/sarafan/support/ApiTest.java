package app.sarafan.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.LedgerInvariant;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * What every HTTP test shares: callers with each kind of credential, fresh members, and the ledger invariant
 * asserted after every test. Business time is moved through {@link AppClock} and put back after each test.
 */
public abstract class ApiTest {

    public static final String SHOP_KEY = "test-shop-key";
    public static final String ADMIN_KEY = "test-admin-key";

    @Inject
    protected LedgerInvariant invariant;

    @Inject
    protected AppClock clock;

    @AfterEach
    void ledgerStaysConsistent() {
        clock.reset();
        List<String> violations = invariant.violations();
        assertEquals(List.of(), violations, "ledger invariant");
    }

    protected static RequestSpecification shop() {
        return given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON);
    }

    protected static RequestSpecification admin() {
        return given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON);
    }

    protected static RequestSpecification member(String externalId) {
        return given().header("Authorization", "Bearer " + tokenFor(externalId));
    }

    protected static String tokenFor(String externalId) {
        return shop().body(Map.of("externalId", externalId)).post("/v1/member-tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** A member no other test knows. */
    protected static String newMember() {
        String externalId = "cust-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com"))
                .post("/v1/members").then().statusCode(201);
        return externalId;
    }

    protected static Response adjust(String externalId, Map<String, Object> body) {
        return admin().body(body).post("/v1/admin/members/{id}/adjustments", externalId);
    }

    protected static void credit(String externalId, String amount) {
        adjust(externalId, Map.of("type", "CREDIT", "amount", amount, "reason", "test credit"))
                .then().statusCode(201);
    }

    protected static String available(String externalId) {
        return shop().get("/v1/members/{id}/balance", externalId).then().statusCode(200).extract().path("available");
    }
}
