package app.sarafan.common.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import app.sarafan.support.ReservedPorts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Member tokens issued by a shop's identity provider whose keys rotate: a key is added, signing switches to it,
 * the old one is removed. Shows when each token is accepted (200 on GET /v1/me) and refused (401 problem+json),
 * with the intervals shortened to seconds.
 */
@QuarkusTest
@TestProfile(JwksRotationTest.ShopIdentityProvider.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksRotationTest extends ApiTest {

    static final String ISSUER = "https://idp.shop.example";
    static final Duration REFRESH = Duration.ofSeconds(6);
    static final Duration FORCED = Duration.ofSeconds(2);

    public static class ShopIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sarafan.test.jwks-port", String.valueOf(ReservedPorts.free()),
                    "mp.jwt.verify.publickey.location", "http://127.0.0.1:${sarafan.test.jwks-port}" + LocalJwks.PATH,
                    "mp.jwt.verify.issuer", ISSUER,
                    "sarafan.auth.member-tokens.enabled", "false",
                    "sarafan.auth.member-tokens.jwks.refresh-interval", REFRESH.toString(),
                    "sarafan.auth.member-tokens.jwks.forced-refresh-interval", FORCED.toString());
        }
    }

    private static LocalJwks idp;

    @BeforeAll
    static void startIdentityProvider() {
        idp = LocalJwks.on(ConfigProvider.getConfig().getValue("sarafan.test.jwks-port", Integer.class));
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @Test
    @Order(1)
    void aProviderDownFromTheStartIsAskedAtMostOncePerForcedRefreshIntervalUntilItAnswers() {
        String alice = newMember();
        idp.key("k1");
        idp.key("k2");
        idp.publish("k1");
        idp.down(true);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            refused(token(alice, "k1"));
        }
        long elapsed = System.nanoTime() - start;
        assertTrue(idp.fetches().size() <= 1 + elapsed / FORCED.toNanos(),
                idp.fetches().size() + " fetches for 20 tokens in " + Duration.ofNanos(elapsed));
        assertTrue(idp.fetches().size() >= 1, "the first token asked for the set");
        idp.down(false);
        untilStatus(token(alice, "k1"), 200, FORCED.plusSeconds(3));
    }

    @Test
    @Order(2)
    void aNewKeyIsAcceptedWithinTheForcedRefreshIntervalARemovedOneUntilTheNextRefreshAndKnownKeysSurviveAnOutage() {
        String alice = newMember();
        idp.key("k1");
        idp.key("k2");
        idp.publish("k1");
        int initial = idp.fetches().size();

        accepted(token(alice, "k1"), alice);
        assertEquals(initial, idp.fetches().size(), "the set fetched first holds k1");
        refused(token(alice, "k2"));
        assertEquals(initial + 1, idp.fetches().size(), "an unknown kid forced a fetch, which did not have it yet");

        // The provider adds k2 and signs with it: its first token arrives within the forced-refresh interval of
        // the last forced fetch, so it waits for the interval; then it forces a fetch and is accepted.
        idp.publish("k1", "k2");
        String k2Token = token(alice, "k2");
        Duration untilAccepted = untilStatus(k2Token, 200, FORCED.plusSeconds(3));
        assertTrue(untilAccepted.compareTo(FORCED.plusSeconds(1)) <= 0, "accepted within the forced-refresh interval: " + untilAccepted);
        assertEquals(initial + 2, idp.fetches().size(), "refused tokens inside the interval did not fetch");
        accepted(token(alice, "k1"), alice);

        // A flood of unknown kids fetches at most once per forced-refresh interval.
        int before = idp.fetches().size();
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            refused(token(alice, "unknown-" + UUID.randomUUID()));
        }
        long elapsed = System.nanoTime() - start;
        int allowed = 1 + (int) (elapsed / FORCED.toNanos());
        int fetched = idp.fetches().size() - before;
        assertTrue(fetched <= allowed, fetched + " fetches for 30 unknown kids in " + Duration.ofNanos(elapsed));

        // The provider removes k1 right after the service's next fetch: k1 tokens stay accepted until the set is
        // fetched again, refresh-interval later, and are refused from then on; k2 tokens stay accepted.
        idp.publishAfterNextFetch("k2");
        String stranger = token(alice, "unknown-" + UUID.randomUUID());
        int fetchesSoFar = idp.fetches().size();
        untilFetched(stranger, fetchesSoFar, FORCED.plusSeconds(3));
        long lastSawK1 = idp.fetches().get(idp.fetches().size() - 1);
        String k1Token = token(alice, "k1");
        accepted(k1Token, alice);
        Duration untilRefused = untilStatus(k1Token, 401, REFRESH.plusSeconds(4));
        Duration sinceRemoval = Duration.ofNanos(System.nanoTime() - lastSawK1);
        assertTrue(sinceRemoval.compareTo(REFRESH) >= 0, "refused only after the refresh interval: " + sinceRemoval);
        assertTrue(sinceRemoval.compareTo(REFRESH.plusSeconds(2)) <= 0, "refused once the set was fetched again: "
                + sinceRemoval + " (polled " + untilRefused + ")");
        accepted(token(alice, "k2"), alice);

        // The provider goes down: the keys already known stay in use past the refresh interval, and the service
        // asks again at most once per forced-refresh interval.
        idp.down(true);
        int beforeOutage = idp.fetches().size();
        long outageStart = System.nanoTime();
        String duringOutage = token(alice, "k2");
        while (System.nanoTime() - outageStart < REFRESH.plusSeconds(3).toNanos()) {
            accepted(duringOutage, alice);
            pause();
        }
        long outage = System.nanoTime() - outageStart;
        int attempts = idp.fetches().size() - beforeOutage;
        assertTrue(attempts >= 1, "the set was asked for again once the refresh interval was over");
        assertTrue(attempts <= 1 + outage / FORCED.toNanos(), attempts + " fetch attempts in " + Duration.ofNanos(outage));
        idp.down(false);
    }

    private static String token(String member, String kid) {
        KeyPair key = idp.key(kid);
        return Jwt.issuer(ISSUER).subject(member).expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId(kid).sign(key.getPrivate());
    }

    private static void accepted(String token, String member) {
        given().header("Authorization", "Bearer " + token).get("/v1/me")
                .then().statusCode(200).body("externalId", equalTo(member));
    }

    private static void refused(String token) {
        given().header("Authorization", "Bearer " + token).get("/v1/me")
                .then().statusCode(401).contentType("application/problem+json").body("type", endsWith("/unauthorized"));
    }

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/me").then().extract().statusCode();
    }

    /** Asks every 100 ms until the answer is the status; how long that took. */
    private static Duration untilStatus(String token, int expected, Duration atMost) {
        long start = System.nanoTime();
        while (true) {
            int status = status(token);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (status == expected) {
                return took;
            }
            assertTrue(status == 200 || status == 401, "unexpected status " + status);
            assertTrue(took.compareTo(atMost) < 0, "still " + status + " after " + took);
            pause();
        }
    }

    private static void untilFetched(String token, int fetchesBefore, Duration atMost) {
        long start = System.nanoTime();
        while (idp.fetches().size() == fetchesBefore) {
            refused(token);
            assertTrue(System.nanoTime() - start < atMost.toNanos(), "the unknown kid forced no fetch");
            if (idp.fetches().size() == fetchesBefore) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
