package app.sarafan.massop;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Posting mass operations and waiting for the worker to finish them. */
abstract class MassOperationTestSupport extends ApiTest {

    static final String PATH = "/v1/admin/mass-operations";
    private static final Set<String> FINISHED = Set.of("COMPLETED", "CANCELLED");

    protected static String key() {
        return "op-" + UUID.randomUUID();
    }

    protected static Map<String, Object> credit(String key, String amount, List<String> members) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "CREDIT");
        body.put("operationKey", key);
        body.put("amount", amount);
        body.put("reason", "New Year gift");
        body.put("members", members);
        return body;
    }

    protected static Response post(Map<String, Object> body) {
        return admin().body(body).post(PATH);
    }

    /** Posts and waits until the operation is COMPLETED. */
    protected static JsonPath run(Map<String, Object> body) {
        return awaitFinished(post(body).then().statusCode(202).extract().header("Location"));
    }

    protected static JsonPath awaitFinished(String location) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath status = given().header("X-Api-Key", ADMIN_KEY).get(location).then().statusCode(200)
                    .extract().jsonPath();
            if (FINISHED.contains(status.getString("status"))) {
                return status;
            }
            if ("FAILED".equals(status.getString("status"))) {
                fail("mass operation failed: " + status.getString("failure"));
            }
            sleep(100);
        }
        throw new AssertionError("mass operation " + location + " did not finish within 30 s");
    }

    protected static JsonPath report(String id) {
        return admin().get(PATH + "/{id}/report", id).then().statusCode(200).extract().jsonPath();
    }

    /** The report's line of one member: status, reason, detail. */
    protected static Map<String, Object> line(JsonPath report, String externalId) {
        return report.getMap("items.find { it.externalId == '" + externalId + "' }");
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
