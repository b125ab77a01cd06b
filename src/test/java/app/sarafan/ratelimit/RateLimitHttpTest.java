package app.sarafan.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Rate limits over HTTP, with limits small enough to reach and a refill so slow (one request in 1000 s) that none
 * comes back during the test: the refill itself is shown in {@link RateBucketsTest}, with time driven by hand.
 * Each test draws on buckets of its own, except the first shop key's, which all of them share within its 10.
 */
@QuarkusTest
@TestProfile(RateLimitHttpTest.TinyLimits.class)
class RateLimitHttpTest extends ApiTest {

    private static final String SECOND_SHOP_KEY = "test-shop-key-2";
    private static final String PROBLEM = "application/problem+json";

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sarafan.rate-limits.shop.per-second", "0.001",
                    "sarafan.rate-limits.shop.burst", "10",
                    "sarafan.rate-limits.member.per-second", "0.001",
                    "sarafan.rate-limits.member.burst", "3");
        }
    }

    @Test
    void aBurstOverAShopKeysLimitIs429WithRetryAfterAndTheRateLimitFieldsWhileOtherKeysGoOn() {
        String alice = newMember();
        for (int i = 1; i <= 10; i++) {
            given().header("X-Api-Key", SECOND_SHOP_KEY).get("/v1/members/{id}/balance", alice).then()
                    .statusCode(200)
                    .header("RateLimit-Policy", "\"shop\";q=10;w=10000")
                    .header("RateLimit", "\"shop\";r=" + (10 - i) + ";t=" + i * 1000)
                    .header("Retry-After", nullValue());
        }
        given().header("X-Api-Key", SECOND_SHOP_KEY).get("/v1/members/{id}/balance", alice).then()
                .statusCode(429)
                .contentType(PROBLEM)
                .header("Retry-After", "1000")
                .header("RateLimit-Policy", "\"shop\";q=10;w=10000")
                .header("RateLimit", "\"shop\";r=0;t=1000")
                .body("type", equalTo("https://sarafan.app/problems/rate-limited"))
                .body("title", equalTo("Too many requests"))
                .body("status", equalTo(429))
                .body("detail", equalTo("Too many requests for this shop API key: at most 10 at once and 0.001 a"
                        + " second; retry in 1000 seconds"))
                .body("instance", equalTo("/v1/members/" + alice + "/balance"));
        // A write is refused the same way, before anything of it is done.
        given().header("X-Api-Key", SECOND_SHOP_KEY).contentType("application/json")
                .body(Map.of("externalId", "cust-never-created", "email", "never@example.com"))
                .post("/v1/members").then().statusCode(429);
        shop().get("/v1/members/{id}", "cust-never-created").then().statusCode(404);
        // The other shop key (which the other tests use too) and the admin key are not starved.
        shop().get("/v1/members/{id}/balance", alice).then().statusCode(200)
                .header("RateLimit", matchesPattern("\"shop\";r=[1-9];t=\\d+"));
        admin().get("/v1/admin/rules").then().statusCode(200)
                .header("RateLimit-Policy", "\"admin\";q=1000000;w=1");
    }

    @Test
    void eachMemberHasABucketOfTheirOwnWhateverTokenTheyPresent() {
        String bob = newMember();
        String carol = newMember();
        String bobsToken = tokenFor(bob);
        String carolsToken = tokenFor(carol);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + bobsToken).get("/v1/me/balance").then().statusCode(200)
                    .header("RateLimit-Policy", "\"member\";q=3;w=3000");
        }
        given().header("Authorization", "Bearer " + bobsToken).get("/v1/me/balance").then().statusCode(429)
                .contentType(PROBLEM)
                .header("Retry-After", "1000")
                .body("detail", equalTo("Too many requests for this member: at most 3 at once and 0.001 a second;"
                        + " retry in 1000 seconds"));
        given().header("Authorization", "Bearer " + carolsToken).get("/v1/me/balance").then().statusCode(200)
                .header("RateLimit", "\"member\";r=2;t=1000");
    }

    @Test
    void requestsWithoutValidCredentialsAreNotCountedAndStill401() {
        for (int i = 0; i < 20; i++) {
            given().header("X-Api-Key", "not-a-key").get("/v1/members/{id}/balance", "cust-x").then()
                    .statusCode(401).contentType(PROBLEM).header("RateLimit", nullValue());
            given().header("Authorization", "Bearer not.a.token").get("/v1/me/balance").then()
                    .statusCode(401).contentType(PROBLEM);
        }
        // The wrong role is refused by the security check, before the caller's bucket is drawn from.
        given().header("X-Api-Key", SHOP_KEY).get("/v1/admin/rules").then()
                .statusCode(403).contentType(PROBLEM).header("RateLimit", nullValue());
        given().get("/q/health/live").then().statusCode(200).header("RateLimit", nullValue());
    }
}
