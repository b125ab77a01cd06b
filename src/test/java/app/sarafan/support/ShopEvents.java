package app.sarafan.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.sarafan.common.security.StandardWebhooks;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A shop backend sending signed events, as the Standard Webhooks scheme and the test secret say. */
public final class ShopEvents {

    /** The signing secret of the test profile (application.properties). */
    public static final String SECRET = "whsec_mVy/MfjufG37BSHEJwuDOedQczFKtXhmcQWiCf6nIQU=";

    private ShopEvents() {
    }

    public static String newId() {
        return "evt_" + UUID.randomUUID();
    }

    /** Sends an event with a fresh id. */
    public static Response send(Map<String, Object> event) {
        return send(newId(), event);
    }

    public static Response send(String id, Map<String, Object> event) {
        return signed(id, Json.write(event)).post("/v1/events");
    }

    public static Response dryRun(String id, Map<String, Object> event) {
        return signed(id, Json.write(event)).queryParam("dryRun", "true").post("/v1/events");
    }

    /** A request carrying {@code body} exactly, signed now with the test secret. */
    public static RequestSpecification signed(String id, String body) {
        long now = Instant.now().getEpochSecond();
        return given().header("X-Api-Key", ApiTest.SHOP_KEY).contentType(ContentType.JSON)
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", StandardWebhooks.sign(SECRET, id, now, body)).body(body);
    }

    /** JSON of test maps, by the same Jackson the tests' rest-assured uses. */
    public static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();

        public static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
