package app.sarafan.cors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * CORS on the member API, with the test profile's origins ({@code http://localhost:3000}, {@code https://shop.example}):
 * what a browser on an allowed origin is granted, and that every other origin, and every API key, is granted nothing.
 */
@QuarkusTest
class CorsTest extends ApiTest {

    private static final String ALLOWED = "http://localhost:3000";
    private static final String OTHER = "https://evil.example";

    private static Response preflight(String origin, String path, String method, String headers) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).options(path);
    }

    private static List<String> listed(Response response, String header) {
        String value = response.header(header);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void preflightFromAnAllowedOriginGrantsTheMemberApiMethodsAndHeaders() {
        Response answer = preflight(ALLOWED, "/v1/me/coupons", "POST", "authorization,content-type,idempotency-key");

        answer.then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Max-Age", "600")
                .header("Access-Control-Allow-Credentials", nullValue())
                .body(emptyString());
        assertEquals(List.of("get", "post", "put", "delete"), listed(answer, "Access-Control-Allow-Methods"));
        assertEquals(List.of("authorization", "content-type", "idempotency-key"),
                listed(answer, "Access-Control-Allow-Headers"));
        assertTrue(listed(answer, "Vary").contains("origin"));
    }

    @Test
    void preflightNeverGrantsAnApiKeyHeader() {
        Response answer = preflight(ALLOWED, "/v1/me/balance", "GET", "x-api-key");

        answer.then().statusCode(204).header("Access-Control-Allow-Origin", ALLOWED);
        assertFalse(listed(answer, "Access-Control-Allow-Headers").contains("x-api-key"));
    }

    @Test
    void preflightFromAnotherOriginGrantsNothing() {
        Response answer = preflight(OTHER, "/v1/me/balance", "GET", "authorization");

        answer.then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue())
                .header("Access-Control-Allow-Headers", nullValue());
    }

    @Test
    void originsMatchExactlyNotByPrefixOrScheme() {
        for (String origin : List.of("http://localhost:30001", "https://localhost:3000", "http://localhost:3000.evil.example",
                "https://shop.example.evil.example", "null")) {
            preflight(origin, "/v1/me/balance", "GET", "authorization").then().statusCode(204)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        preflight("https://shop.example", "/v1/me/balance", "GET", "authorization").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://shop.example");
    }

    @Test
    void memberCallFromAnAllowedOriginEchoesItAndExposesTheApiHeaders() {
        String member = newMember();

        Response answer = member(member).header("Origin", ALLOWED).get("/v1/me/balance");

        answer.then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Credentials", nullValue())
                .body("available", equalTo("0.00"));
        assertEquals(List.of("etag", "location", "idempotent-replayed", "retry-after", "ratelimit", "ratelimit-policy"),
                listed(answer, "Access-Control-Expose-Headers"));
        assertTrue(listed(answer, "Vary").contains("origin"));
    }

    @Test
    void theExposedHeadersAreTheOnesTheMemberApiAnswers() {
        String member = newMember();
        String key = UUID.randomUUID().toString();
        Map<String, String> site = Map.of("domain", "cors-" + UUID.randomUUID().toString().substring(0, 8) + ".example");

        Response first = member(member).header("Origin", ALLOWED).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(site).post("/v1/me/sites");
        Response replay = member(member).header("Origin", ALLOWED).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(site).post("/v1/me/sites");

        first.then().statusCode(201).header("Location", notNullValue())
                .header("Access-Control-Allow-Origin", ALLOWED);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Access-Control-Allow-Origin", ALLOWED);
        assertTrue(listed(replay, "Access-Control-Expose-Headers").containsAll(List.of("location", "idempotent-replayed")));
    }

    @Test
    void memberCallFromAnotherOriginIsServedWithoutCorsHeaders() {
        String member = newMember();

        member(member).header("Origin", OTHER).get("/v1/me/balance").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Expose-Headers", nullValue())
                .header("Vary", not(nullValue()));
    }

    @Test
    void problemsReachAPageOnAnAllowedOriginToo() {
        given().header("Origin", ALLOWED).get("/v1/me/balance").then().statusCode(401)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", ALLOWED)
                .body("status", equalTo(401));
    }

    @Test
    void programTermsAreOpenToTheMembersFrontend() {
        String member = newMember();

        member(member).header("Origin", ALLOWED).get("/v1/program-terms").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED);
    }

    @Test
    void shopAndAdminPathsAnswerNoBrowser() {
        preflight(ALLOWED, "/v1/members", "POST", "x-api-key,content-type").then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Headers", nullValue());
        String member = newMember();
        shop().header("Origin", ALLOWED).get("/v1/members/{id}/balance", member).then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        admin().header("Origin", ALLOWED).get("/v1/admin/rules").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
