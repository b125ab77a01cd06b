package app.sarafan.referral.imports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Posting imports and waiting for the worker to finish them. */
abstract class ImportTestSupport extends ApiTest {

    /** A prefix that keeps this test's externalIds apart from every other test's. */
    protected final String run = "imp" + UUID.randomUUID().toString().substring(0, 8) + "-";

    protected String id(String name) {
        return run + name;
    }

    protected static Response postCsv(String csv) {
        return given().header("X-Api-Key", ADMIN_KEY).contentType("text/csv").body(csv).post("/v1/admin/imports");
    }

    protected static Response postJson(Object body) {
        return given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/imports");
    }

    /** Posts and waits until the import is COMPLETED (or FAILED, which fails the test). */
    protected static JsonPath importCsv(String csv) {
        return awaitCompleted(postCsv(csv).then().statusCode(202).extract().header("Location"));
    }

    protected static JsonPath importJson(Object body) {
        return awaitCompleted(postJson(body).then().statusCode(202).extract().header("Location"));
    }

    protected static JsonPath awaitCompleted(String location) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath status = given().header("X-Api-Key", ADMIN_KEY).get(location).then().statusCode(200)
                    .extract().jsonPath();
            switch (status.getString("status")) {
                case "COMPLETED":
                    return status;
                case "FAILED":
                    fail("import failed: " + status.getString("failure"));
                    break;
                default:
                    sleep(100);
            }
        }
        throw new AssertionError("import " + location + " did not complete within 30 s");
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected static JsonPath balance(String externalId) {
        return shop().get("/v1/members/{id}/balance", externalId).then().statusCode(200).extract().jsonPath();
    }

    protected static String referrerOf(String externalId) {
        return shop().get("/v1/members/{id}/referral", externalId).then().statusCode(200).extract()
                .path("referrerExternalId");
    }

    protected static Map<String, Object> row(String externalId, String referrer, String email) {
        return referrer == null ? Map.of("externalId", externalId, "email", email)
                : Map.of("externalId", externalId, "referrerExternalId", referrer, "email", email);
    }
}
