package app.sarafan.leaderboard;

import static app.sarafan.support.ReferralActivity.at;
import static app.sarafan.support.ReferralActivity.firstPayment;
import static app.sarafan.support.ReferralActivity.referredBy;
import static app.sarafan.support.ReferralActivity.register;
import static app.sarafan.support.ReferralActivity.reward;
import static app.sarafan.support.ReferralActivity.takeBack;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Each test owns a month of 2033 (the business clock is moved there), so its week and month boards hold
 * only its referrers; all-time boards are shared with every other test and are checked relative to them.
 */
@QuarkusTest
class LeaderboardTest extends ApiTest {


    record Referrers(String ann, String bob, String cid, String dan, String eve) {
    }

    private Referrers june(String month) {
        Instant early = Instant.parse(month + "-05T12:00:00Z");
        Instant mid = Instant.parse(month + "-15T12:00:00Z");
        String ann = register("Anna Smirnova", null, null);
        String bob = register("Boris Ivanov", null, null);
        String cid = register("Cyril Orlov", null, null);
        String dan = register(null, null, null);
        String eve = register("Eva Lind", null, null);
        member(bob).contentType(ContentType.JSON)
                .body(Map.of("visibility", "DISPLAY_NAME", "displayName", "Bob the Runner"))
                .put("/v1/me/leaderboard-profile").then().statusCode(200).body("shownAs", equalTo("Bob the Runner"));
        member(cid).contentType(ContentType.JSON).body(Map.of("visibility", "ANONYMOUS"))
                .put("/v1/me/leaderboard-profile").then().statusCode(200).body("shownAs", equalTo("Anonymous member"));
        at(clock, early);
        paying(ann, 1);
        at(clock, mid);
        paying(ann, 2);
        paying(bob, 2);
        paying(cid, 2);
        paying(dan, 1);
        referredBy(eve); // registered, never paid: not ranked
        reward(ann, referredBy(ann), 1, "10.00");
        reward(bob, referredBy(bob), 2, "100.00");
        long cids = reward(cid, referredBy(cid), 1, "40.00");
        takeBack(cid, cids, "15.00");
        return new Referrers(ann, bob, cid, dan, eve);
    }

    private void paying(String referrer, int count) {
        for (int i = 0; i < count; i++) {
            firstPayment(referredBy(referrer), clock.now());
        }
    }

    @Test
    void referrersAreRankedByPayingReferralsWithSharedPositionsAndChosenNames() {
        Referrers r = june("2033-06");
        shop().get("/v1/leaderboard?metric=PAYING_REFERRALS&period=MONTH").then().statusCode(200)
                .body("from", equalTo("2033-06-01T00:00:00Z"))
                .body("to", equalTo("2033-07-01T00:00:00Z"))
                .body("entries.position", equalTo(List.of(1, 2, 2, 4)))
                .body("entries.displayName", equalTo(List.of("Anna S.", "Bob the Runner", "Anonymous member",
                        "Member c***")))
                .body("entries.payingReferrals", equalTo(List.of(3, 2, 2, 1)))
                .body("entries.earned", equalTo(List.of("10.00", "100.00", "25.00", "0.00")))
                .body("entries.you", equalTo(List.of(false, false, false, false)))
                .body("me", nullValue());
        admin().get("/v1/leaderboard?period=WEEK").then().statusCode(200)
                .body("from", equalTo("2033-06-13T00:00:00Z"))
                .body("entries.position", equalTo(List.of(1, 1, 1, 4)))
                .body("entries.payingReferrals", equalTo(List.of(2, 2, 2, 1)));
        member(r.eve()).get("/v1/me/leaderboard").then().statusCode(200)
                .body("metric", equalTo("PAYING_REFERRALS")).body("period", equalTo("MONTH"))
                .body("me.position", nullValue())
                .body("me.displayName", equalTo("Eva L."))
                .body("me.payingReferrals", equalTo(0));
    }

    @Test
    void bonusesEarnedRankNetOfWhatWasTakenBack() {
        Referrers r = june("2033-08");
        member(r.ann()).get("/v1/me/leaderboard?metric=BONUSES_EARNED&period=MONTH").then().statusCode(200)
                .body("entries.displayName", equalTo(List.of("Bob the Runner", "Anonymous member", "Anna S.")))
                .body("entries.earned", equalTo(List.of("100.00", "25.00", "10.00")))
                .body("entries.position", equalTo(List.of(1, 2, 3)))
                .body("entries.you", equalTo(List.of(false, false, true)))
                .body("me.position", equalTo(3));
    }

    @Test
    void aMemberSeesTheirOwnPositionOutsideTheTop() {
        Referrers r = june("2033-10");
        member(r.dan()).get("/v1/me/leaderboard?limit=2").then().statusCode(200)
                .body("entries.displayName", equalTo(List.of("Anna S.", "Bob the Runner")))
                .body("me.position", equalTo(4))
                .body("me.payingReferrals", equalTo(1))
                .body("me.you", equalTo(true))
                .body("me.displayName", equalTo("Member c***"));
        member(r.ann()).get("/v1/me/leaderboard?period=ALL_TIME&limit=1").then().statusCode(200)
                .body("from", nullValue()).body("to", nullValue())
                .body("me.payingReferrals", equalTo(3))
                .body("me.position", notNullValue());
    }

    @Test
    void firstPaymentsRewardsAndReadsRacingForOneReferrerCountEveryChangeOnce() throws Exception {
        at(clock, Instant.parse("2033-12-15T12:00:00Z"));
        String referrer = register("Rita Race", null, null);
        List<String> friends = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            friends.add(referredBy(referrer));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (String friend : friends) {
                done.add(pool.submit(() -> {
                    start.await();
                    firstPayment(friend, clock.now());
                    reward(referrer, friend, 1, "12.50");
                    return null;
                }));
            }
            // Readers fold the queued changes while they are being written: each change must land exactly once.
            for (int i = 0; i < 4; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int read = 0; read < 5; read++) {
                        shop().get("/v1/leaderboard?period=MONTH").then().statusCode(200);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int read = 0; read < 2; read++) {
            member(referrer).get("/v1/me/leaderboard?period=MONTH").then().statusCode(200)
                    .body("me.payingReferrals", equalTo(8))
                    .body("me.earned", equalTo("100.00"))
                    .body("me.position", equalTo(1));
        }
    }

    @Test
    void privacyChoicesAreValidatedAndReadBack() {
        String member = register("Irina Volkova", null, null);
        member(member).get("/v1/me/leaderboard-profile").then().statusCode(200)
                .body("visibility", equalTo("MASKED")).body("displayName", nullValue())
                .body("shownAs", equalTo("Irina V."));
        put(member, Map.of("visibility", "DISPLAY_NAME")).statusCode(400)
                .body("errors.field", equalTo(List.of("displayName")));
        put(member, Map.of("visibility", "MASKED", "displayName", "Ira")).statusCode(400)
                .body("errors.field", equalTo(List.of("displayName")));
        put(member, Map.of("displayName", "Ira")).statusCode(400)
                .body("errors.field", equalTo(List.of("visibility")));
        put(member, Map.of("visibility", "DISPLAY_NAME", "displayName", "<script>")).statusCode(400)
                .body("errors.field", equalTo(List.of("displayName")));
        put(member, Map.of("visibility", "SECRET")).statusCode(400);
        put(member, Map.of("visibility", "DISPLAY_NAME", "displayName", "Ira V")).statusCode(200);
        member(member).get("/v1/me/leaderboard-profile").then()
                .body("visibility", equalTo("DISPLAY_NAME")).body("shownAs", equalTo("Ira V"));
        put(member, Map.of("visibility", "MASKED")).statusCode(200).body("shownAs", equalTo("Irina V."))
                .body("displayName", nullValue());
    }

    @Test
    void refusalsAndBadParameters() {
        String member = newMember();
        given().get("/v1/leaderboard").then().statusCode(401);
        given().get("/v1/me/leaderboard").then().statusCode(401);
        member(member).get("/v1/leaderboard").then().statusCode(403);
        shop().get("/v1/me/leaderboard").then().statusCode(403);
        shop().body(Map.of("visibility", "MASKED")).put("/v1/me/leaderboard-profile").then().statusCode(403);
        shop().get("/v1/leaderboard?metric=CLICKS").then().statusCode(400).body("errors.field", equalTo(List.of("metric")));
        shop().get("/v1/leaderboard?period=YEAR").then().statusCode(400).body("errors.field", equalTo(List.of("period")));
        shop().get("/v1/leaderboard?limit=0").then().statusCode(400).body("errors.field", equalTo(List.of("limit")));
        shop().get("/v1/leaderboard?limit=101").then().statusCode(400).body("errors.field", equalTo(List.of("limit")));
    }

    @Test
    void aDisplayNameIsLatinOrCyrillicLettersDigitsSpacesAndFourSigns() {
        String member = register("Irina Volkova", null, null);
        for (String name : List.of("Иван П.", "Ёлка-2", "José Müller", "Łukasz O'Neil", "ab_9")) {
            put(member, Map.of("visibility", "DISPLAY_NAME", "displayName", name)).statusCode(200)
                    .body("shownAs", equalTo(name));
        }
        // Letters of other scripts, signs that are not letters, and digits other than 0-9 are refused, as the
        // contract's pattern refuses them.
        for (String name : List.of("Αλέξης", "李小龙", "Ira ²", "Ira\u00A0V", "Ira 🙂", "Ira\u0483")) {
            put(member, Map.of("visibility", "DISPLAY_NAME", "displayName", name)).statusCode(400)
                    .body("errors.field", equalTo(List.of("displayName")));
        }
        member(member).get("/v1/me/leaderboard-profile").then().body("displayName", equalTo("ab_9"));
    }

    private static io.restassured.response.ValidatableResponse put(String member, Map<String, Object> body) {
        return member(member).contentType(ContentType.JSON).body(body).put("/v1/me/leaderboard-profile").then();
    }
}
