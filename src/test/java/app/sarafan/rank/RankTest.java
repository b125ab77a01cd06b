package app.sarafan.rank;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.sarafan.event.EarningTest;
import app.sarafan.support.ShopEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ranks: thresholds on lifetime figures, one change per crossing, and rules that pay by rank. */
@QuarkusTest
class RankTest extends EarningTest {

    // Thresholds far above what other tests' members reach, so only this test's members move.
    static final String SILVER = "SILVER_T";
    static final String GOLD = "GOLD_T";

    @Inject
    EntityManager em;

    @BeforeEach
    void ranks() {
        if (admin().get("/v1/admin/ranks/{code}", SILVER).statusCode() == 404) {
            admin().body(Map.of("code", SILVER, "name", "Silver", "position", 510, "minTotalPaid", "100000.00"))
                    .post("/v1/admin/ranks").then().statusCode(201).header("ETag", equalTo("\"1\""));
            admin().body(Map.of("code", GOLD, "name", "Gold", "position", 520, "minTotalPaid", "500000.00"))
                    .post("/v1/admin/ranks").then().statusCode(201);
        }
    }

    @Test
    void aMemberCrossingThresholdsGetsTheHighestRankInOneChange() {
        String member = newMember();
        paid(member, order("big-" + member, "600000.00")).then().statusCode(200);
        shop().get("/v1/members/{id}/rank", member).then().statusCode(200)
                .body("rank", equalTo(GOLD)).body("rankName", equalTo("Gold"))
                .body("figures.totalPaid", equalTo("600000.00"));
        member(member).get("/v1/me/rank/history").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].from", nullValue()).body("items[0].to", equalTo(GOLD))
                .body("items[0].cause", equalTo("EVENT"));
    }

    @Test
    void twoEventsCrossingAThresholdAtOnceChangeTheRankOnce() throws Exception {
        String member = newMember();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String half : List.of("a", "b")) {
                calls.add(() -> paid(member, order(half + "-" + member, "60000.00")).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        member(member).get("/v1/me/rank").then().body("rank", equalTo(SILVER))
                .body("next.rank", equalTo(GOLD)).body("next.totalPaidMissing", equalTo("380000.00"));
        member(member).get("/v1/me/rank/history").then().body("items", hasSize(1));
    }

    @Test
    void aThresholdChangedStraightInTheDatabaseAppliesToTheNextEvent() {
        String platinum = "PLATINUM_T";
        if (admin().get("/v1/admin/ranks/{code}", platinum).statusCode() == 404) {
            admin().body(Map.of("code", platinum, "name", "Platinum", "position", 530, "minTotalPaid",
                    "90000000.00")).post("/v1/admin/ranks").then().statusCode(201);
        }
        String member = newMember();
        paid(member, order("first-" + member, "1000000.00")).then().statusCode(200);
        shop().get("/v1/members/{id}/rank", member).then().body("rank", equalTo(GOLD));
        // Behind the service's back: the ranks it keeps in memory must not outlive the change.
        platinumThreshold(platinum, "1500000.00");
        try {
            paid(member, order("second-" + member, "600000.00")).then().statusCode(200);
            shop().get("/v1/members/{id}/rank", member).then().body("rank", equalTo(platinum));
        } finally {
            platinumThreshold(platinum, "90000000.00");
        }
    }

    private void platinumThreshold(String code, String minTotalPaid) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE rank SET min_total_paid = CAST(?1 AS NUMERIC) WHERE code = ?2")
                .setParameter(1, minTotalPaid).setParameter(2, code).executeUpdate());
    }

    @Test
    void aRankConditionedRulePaysTheRanksPercentage() {
        rule(Map.of("name", "Gold cashback 7 %", "profile", "ORDER_PAID",
                "conditions", Map.of("memberRanks", List.of(GOLD)),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "7.00"))));
        String member = newMember();
        paid(member, order("first-" + member, "500000.00")).then().body("accruals", hasSize(0));
        shop().get("/v1/members/{id}/rank", member).then().statusCode(200).body("rank", equalTo(GOLD));
        paid(member, order("second-" + member, "1000.00")).then().statusCode(200)
                .body("accruals[0].amount", equalTo("70.00"));
    }

    @Test
    void aRefundDoesNotDemoteByDefault() {
        String member = newMember();
        String orderId = "big-" + member;
        paid(member, order(orderId, "150000.00")).then().statusCode(200);
        ShopEvents.send(event("ORDER_REFUNDED", member, "order", Map.of("id", orderId))).then().statusCode(200);
        admin().post("/v1/admin/ranks/recalculations").then().statusCode(200);
        shop().get("/v1/members/{id}/rank", member).then().body("rank", equalTo(SILVER))
                .body("figures.totalPaid", equalTo("0.00"));
    }

    @Test
    void administratorsAloneDefineRanksAndEditsNeedTheVersion() {
        String code = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        int position = 600 + (int) (Math.random() * 300);
        Map<String, Object> rank = Map.of("code", code, "name", "Test", "position", position, "minPayingReferrals", 50);
        shop().body(rank).post("/v1/admin/ranks").then().statusCode(403);
        admin().body(rank).post("/v1/admin/ranks").then().statusCode(201);
        admin().body(rank).post("/v1/admin/ranks").then().statusCode(409);
        admin().body(Map.of("code", "bad code", "name", "", "position", -1)).post("/v1/admin/ranks").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("code", "name", "position"));
        admin().body(rank).put("/v1/admin/ranks/{code}", code).then().statusCode(428);
        admin().header("If-Match", "\"7\"").body(rank).put("/v1/admin/ranks/{code}", code).then().statusCode(412);
        admin().header("If-Match", "\"1\"").body(Map.of("code", code, "name", "Renamed", "position", position,
                        "minPayingReferrals", 50))
                .put("/v1/admin/ranks/{code}", code).then().statusCode(200).body("name", equalTo("Renamed"))
                .header("ETag", equalTo("\"2\""));
        admin().get("/v1/admin/ranks/{code}", "NOPE").then().statusCode(404);
        String member = newMember();
        member(member).get("/v1/admin/ranks").then().statusCode(403);
        shop().get("/v1/members/{id}/rank", "cust-nobody").then().statusCode(404);
    }

    @Test
    void aMassOperationSelectsMembersByRank() {
        String gold = newMember();
        paid(gold, order("big-" + gold, "600000.00")).then().statusCode(200);
        String plain = newMember();
        String location = admin().body(Map.of("type", "CREDIT", "amount", "10.00", "reason", "Gold members' gift",
                        "operationKey", "gold-gift-" + gold, "filter", Map.of("ranks", List.of(GOLD))))
                .post("/v1/admin/mass-operations").then().statusCode(202).extract().header("Location");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"COMPLETED".equals(admin().get(location).then().extract().path("status"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the mass operation did not finish");
            }
            Thread.onSpinWait();
        }
        assertEquals("10.00", available(gold));
        assertEquals("0.00", available(plain));
    }
}
