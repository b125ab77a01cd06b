package app.sarafan.rewards;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import app.sarafan.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The rewards catalogue end to end: administrators define and keep rewards (validated, versioned, audited),
 * members see what they can afford and redeem (the spend takes the soonest-expiring lots, the reward is issued),
 * the shop takes a code, administrators cancel (bonuses, stock and an unused code come back), and the redemption
 * shows in the history, the analytics and the events.
 */
@QuarkusTest
class RewardTest extends RewardTestSupport {

    static final String RANK = "RW_GOLD_T";

    @Inject
    DataSource dataSource;

    private Database db() {
        return new Database(dataSource);
    }

    /** A rank nobody reaches by figures; the test puts its member into it directly. */
    private void holdRank(String member) {
        if (admin().get("/v1/admin/ranks/{code}", RANK).statusCode() == 404) {
            admin().body(Map.of("code", RANK, "name", "Reward gold", "position", 990, "minTotalPaid", "999999999.00"))
                    .post("/v1/admin/ranks").then().statusCode(201);
        }
        db().update("""
                INSERT INTO member_rank (member_id, rank_code, since)
                SELECT id, '%s', now() FROM member WHERE external_id = '%s'
                ON CONFLICT (member_id) DO UPDATE SET rank_code = EXCLUDED.rank_code""".formatted(RANK, member));
    }

    @Test
    void aRewardIsValidatedAsAWholeAndEveryFailingFieldIsNamed() {
        admin().body(reward(newCode(), "COUPON_PATTERN", "100.00", Map.of("discountAmount", "10.00",
                        "availableFrom", "2027-01-01T00:00:00Z", "availableUntil", "2026-12-01T00:00:00Z",
                        "rankPrices", List.of(Map.of("rankCode", "NO_SUCH_RANK", "price", "90.00")))))
                .post("/v1/admin/rewards").then().statusCode(400)
                .body("type", equalTo("https://sarafan.app/problems/validation"))
                .body("errors.field", containsInAnyOrder("codePattern", "discountAmount", "availableUntil",
                        "rankPrices[0].rankCode"));
        admin().body(reward(newCode(), "FIXED_DISCOUNT", "100.00", Map.of())).post("/v1/admin/rewards")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("discountAmount"));
        admin().body(reward(newCode(), "PHYSICAL_GIFT", "100.00", Map.of("codePattern", "GIFT-####-????")))
                .post("/v1/admin/rewards").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("codePattern", "totalStock"));
        admin().body(reward(newCode(), "COUPON_PATTERN", "100.00", Map.of("codePattern", "AB-#")))
                .post("/v1/admin/rewards").then().statusCode(400).body("errors[0].field", equalTo("codePattern"))
                .body("errors[0].message", equalTo("must allow at least 6760000 different codes (for example ####-??)"));
        admin().body(reward(newCode(), "FREE_SHIPPING", "10.005", Map.of())).post("/v1/admin/rewards")
                .then().statusCode(400).body("errors[0].field", equalTo("price"));
        admin().body(reward(newCode(), "FREE_SHIPPING", "10.00", Map.of("pricee", "1"))).post("/v1/admin/rewards")
                .then().statusCode(400).body("errors[0].field", equalTo("pricee"));
    }

    @Test
    void administratorsCreateUpdateWithTheVersionAndArchiveRewardsAndEveryChangeIsAudited() {
        String code = newCode();
        admin().body(reward(code, "PHYSICAL_GIFT", "1500.00", Map.of("totalStock", 5)))
                .post("/v1/admin/rewards").then().statusCode(201).header("ETag", equalTo("\"1\""))
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/admin/rewards/" + code))
                .body("status", equalTo("ACTIVE")).body("remainingStock", equalTo(5)).body("redeemed", equalTo(0))
                .body("codePattern", nullValue()).body("availableCodes", nullValue());
        admin().body(reward(code, "PHYSICAL_GIFT", "1500.00", Map.of("totalStock", 5))).post("/v1/admin/rewards")
                .then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/duplicate"));

        Map<String, Object> changed = reward(code, "PHYSICAL_GIFT", "1400.00", Map.of("totalStock", 8));
        admin().body(changed).put("/v1/admin/rewards/{code}", code).then().statusCode(428);
        admin().header("If-Match", "\"7\"").body(changed).put("/v1/admin/rewards/{code}", code).then()
                .statusCode(412).body("currentVersion", equalTo(1));
        admin().header("If-Match", "\"1\"").body(reward(code, "FREE_SHIPPING", "1400.00", Map.of()))
                .put("/v1/admin/rewards/{code}", code).then().statusCode(400).body("errors[0].field", equalTo("type"));
        admin().header("If-Match", "\"1\"").body(changed).put("/v1/admin/rewards/{code}", code).then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("price", equalTo("1400.00"))
                .body("totalStock", equalTo(8)).body("remainingStock", equalTo(8));

        admin().post("/v1/admin/rewards/{code}/archive", code).then().statusCode(200)
                .body("status", equalTo("ARCHIVED")).body("version", equalTo(3));
        admin().post("/v1/admin/rewards/{code}/archive", code).then().statusCode(200).body("version", equalTo(3));
        String member = memberWith("2000.00");
        member(member).get("/v1/me/rewards").then().statusCode(200).body("code", not(hasItem(code)));
        redeem(member, code).then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/wrong-state"));
        assertEquals("2000.00", available(member));

        admin().queryParam("entityType", "REWARD").queryParam("entityId", code).get("/v1/admin/audit-log").then()
                .statusCode(200).body("items.action", equalTo(List.of("REWARD_ARCHIVED", "REWARD_UPDATED",
                        "REWARD_CREATED")));
    }

    @Test
    void onlyAdministratorsKeepTheCatalogueAndMembersSeeOnlyTheirOwnRedemptions() {
        String code = create("FREE_SHIPPING", "10.00", Map.of());
        String member = memberWith("10.00");
        String other = newMember();
        given().get("/v1/admin/rewards").then().statusCode(401);
        shop().get("/v1/admin/rewards").then().statusCode(403);
        member(member).get("/v1/admin/rewards").then().statusCode(403);
        shop().body(reward(newCode(), "FREE_SHIPPING", "1.00", Map.of())).post("/v1/admin/rewards").then()
                .statusCode(403);
        shop().get("/v1/me/rewards").then().statusCode(403);
        admin().post("/v1/me/rewards/{code}/redeem", code).then().statusCode(403);
        given().header("Idempotency-Key", "k").post("/v1/me/rewards/{code}/redeem", code).then().statusCode(401);

        String id = redeem(member, code).then().statusCode(201).extract().path("id");
        member(other).get("/v1/me/reward-redemptions/{id}", id).then().statusCode(404);
        member(other).get("/v1/me/reward-redemptions").then().statusCode(200).body("items", hasSize(0));
        member(member).get("/v1/me/reward-redemptions/{id}", id).then().statusCode(200).body("id", equalTo(id));
        member(member).body(Map.of("reason", "x")).contentType(ContentType.JSON)
                .post("/v1/admin/reward-redemptions/{id}/cancel", id).then().statusCode(403);
        shop().body(Map.of("reason", "x")).post("/v1/admin/reward-redemptions/{id}/cancel", id).then().statusCode(403);
        member(member).post("/v1/reward-codes/{code}/use", "ANY").then().statusCode(403);
        redeem(member, "NO_SUCH_REWARD").then().statusCode(404);
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    @Test
    void aRedemptionSpendsTheSoonestExpiringLotsFirstAndIssuesAUniqueCodeShownOnlyToItsOwner() {
        String code = create("FIXED_DISCOUNT", "500.00", Map.of("discountAmount", "250.00",
                "codePattern", "GIFT-####-????"));
        String member = newMember();
        credit(member, "1000.00");
        adjust(member, Map.of("type", "CREDIT", "amount", "300.00", "reason", "expiring", "lifetimeDays", 10))
                .then().statusCode(201);
        String key = UUID.randomUUID().toString();
        String token = tokenFor(member);

        Response first = io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).post("/v1/me/rewards/{code}/redeem", code);
        first.then().statusCode(201).body("status", equalTo("ISSUED")).body("price", equalTo("500.00"))
                .body("discountAmount", equalTo("250.00")).body("rewardType", equalTo("FIXED_DISCOUNT"))
                .body("code", matchesPattern("GIFT-[0-9]{4}-[A-Z]{4}")).body("externalId", equalTo(member));
        String id = first.path("id");
        String issued = first.path("code");
        first.then().header("Location", org.hamcrest.Matchers.endsWith("/v1/me/reward-redemptions/" + id));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .post("/v1/me/rewards/{code}/redeem", code).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .post("/v1/me/rewards/{code}/redeem", code).then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals("800.00", available(member));
        // The 300.00 that burn in 10 days went first, then 200.00 of the 1000.00 that never burn.
        assertEquals(List.of("800.00", "0.00"), db().column("""
                SELECT l.remaining FROM lot l JOIN member m ON m.id = l.account_id
                WHERE m.external_id = '%s' ORDER BY l.id""".formatted(member)));

        member(member).get("/v1/me/transactions").then().statusCode(200)
                .body("items[0].kind", equalTo("REDEMPTION")).body("items[0].amount", equalTo("-500.00"))
                .body("items[0].sourceType", equalTo("REWARD")).body("items[0].sourceId", equalTo(id))
                .body("items[0].reason", equalTo("Reward " + code + ": Reward " + code));
        member(member).get("/v1/me/reward-redemptions").then().statusCode(200)
                .body("items[0].code", equalTo(issued)).body("nextCursor", nullValue());
        admin().get("/v1/admin/reward-redemptions/{id}", id).then().statusCode(200)
                .body("code", equalTo("****" + issued.substring(issued.length() - 4)));
        assertEquals(List.of(id + "|" + code + "|500.00|false"), db().column("""
                SELECT payload::jsonb ->> 'redemptionId' || '|' || (payload::jsonb ->> 'rewardCode') || '|'
                       || (payload::jsonb ->> 'price') || '|' || (payload::jsonb ? 'code')::text
                FROM domain_event WHERE type = 'REWARD_REDEEMED' AND payload::jsonb ->> 'redemptionId' = '%s'"""
                .formatted(id)));
    }

    @Test
    void membersSeeTheirPriceTheirBalanceAndWhatIsLeft() {
        String member = memberWith("1300.00");
        holdRank(member);
        String gift = create("PHYSICAL_GIFT", "1500.00", Map.of("totalStock", 4, "perMemberLimit", 2,
                "rankPrices", List.of(Map.of("rankCode", RANK, "price", "1200.00"))));
        String pool = create("COUPON_POOL", "100.00", Map.of());
        String later = create("FREE_SHIPPING", "10.00", Map.of("availableFrom",
                clock.now().plus(Duration.ofDays(2)).toString()));

        String path = "find { it.code == '%s' }.";
        member(member).get("/v1/me/rewards").then().statusCode(200)
                .body(path.formatted(gift) + "price", equalTo("1200.00"))
                .body(path.formatted(gift) + "available", equalTo("1300.00"))
                .body(path.formatted(gift) + "remainingStock", equalTo(4))
                .body(path.formatted(gift) + "remainingForMember", equalTo(2))
                .body(path.formatted(gift) + "affordable", equalTo(true))
                .body(path.formatted(gift) + "redeemable", equalTo(true))
                .body(path.formatted(pool) + "remainingStock", equalTo(0))
                .body(path.formatted(pool) + "blockedBy", equalTo("OUT_OF_STOCK"))
                .body("code", not(hasItem(later)));
        redeem(member, gift).then().statusCode(201).body("price", equalTo("1200.00")).body("code", nullValue());
        member(member).get("/v1/me/rewards").then()
                .body(path.formatted(gift) + "available", equalTo("100.00"))
                .body(path.formatted(gift) + "remainingStock", equalTo(3))
                .body(path.formatted(gift) + "remainingForMember", equalTo(1))
                .body(path.formatted(gift) + "affordable", equalTo(false))
                .body(path.formatted(gift) + "blockedBy", equalTo("INSUFFICIENT_BALANCE"));
        redeem(member, gift).then().statusCode(409)
                .body("type", equalTo("https://sarafan.app/problems/insufficient-balance"))
                .body("requested", equalTo("1200.00")).body("available", equalTo("100.00"));
        redeem(member, pool).then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/out-of-stock"));
        redeem(member, later).then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/wrong-state"));

        clock.advance(Duration.ofDays(3));
        member(member).get("/v1/me/rewards").then().body("code", hasItem(later));
        redeem(member, later).then().statusCode(201).body("code", matchesPattern("RWD-[0-9]{4}-[A-Z]{4}"));
    }

    @Test
    void aBlockedMemberCannotRedeem() {
        String code = create("FREE_SHIPPING", "10.00", Map.of());
        String member = memberWith("10.00");
        String token = tokenFor(member);
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", member).then().statusCode(200);
        redeemWithToken(token, code).then().statusCode(409)
                .body("type", equalTo("https://sarafan.app/problems/member-blocked"));
        assertEquals("10.00", available(member));
    }

    @Test
    void aCancelGivesTheBonusesBackAsTheyWereAndAnUnusedPooledCodeBackToThePool() {
        String pool = create("COUPON_POOL", "400.00", Map.of("perMemberLimit", 1, "totalStock", 10));
        String poolCode = "GYM-" + newCode();
        addCodes(pool, List.of(poolCode));
        String member = newMember();
        credit(member, "100.00");
        Instant expiry = clock.now().plus(Duration.ofDays(20));
        adjust(member, Map.of("type", "CREDIT", "amount", "300.00", "reason", "expiring", "expiresAt",
                expiry.toString())).then().statusCode(201);
        Response redeemed = redeem(member, pool);
        redeemed.then().statusCode(201).body("code", equalTo(poolCode));
        String id = redeemed.path("id");
        String spend = redeemed.path("transactionId");
        redeem(member, pool).then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/limit-reached"))
                .body("perMemberLimit", equalTo(1));
        admin().get("/v1/admin/rewards/{code}", pool).then().body("remainingStock", equalTo(9))
                .body("availableCodes", equalTo(0));

        cancel(id, "Redeemed by mistake").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("Redeemed by mistake")).body("code", equalTo("****" + poolCode
                        .substring(poolCode.length() - 4)));
        cancel(id, "Redeemed by mistake").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals("400.00", available(member));
        member(member).get("/v1/me/transactions").then().statusCode(200)
                .body("items[0].kind", equalTo("RETURN")).body("items[0].amount", equalTo("300.00"))
                .body("items[0].expiresAt", equalTo(expiry.toString()))
                .body("items[0].relatedTransactionId", equalTo(spend))
                .body("items[0].sourceType", equalTo("REWARD")).body("items[0].sourceId", equalTo(id))
                .body("items[1].kind", equalTo("RETURN")).body("items[1].amount", equalTo("100.00"))
                .body("items[1].expiresAt", nullValue());
        admin().get("/v1/admin/rewards/{code}", pool).then().body("remainingStock", equalTo(10))
                .body("availableCodes", equalTo(1)).body("redeemed", equalTo(0));
        assertEquals("1", db().value("SELECT count(*) FROM domain_event WHERE type = 'REWARD_REDEMPTION_CANCELLED'"
                + " AND payload::jsonb ->> 'redemptionId' = '" + id + "'"));
        admin().queryParam("entityType", "REWARD_REDEMPTION").queryParam("entityId", id).get("/v1/admin/audit-log")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].action", equalTo("REWARD_REDEMPTION_CANCELLED"));

        // A cancelled redemption does not count toward the limit; the code returned goes to the next redemption.
        redeem(member, pool).then().statusCode(201).body("code", equalTo(poolCode));
        cancel("999999999", "x").then().statusCode(404);
    }

    @Test
    void theShopTakesACodeOnceAndAUsedCodeNeverReturnsToThePool() {
        String pool = create("COUPON_POOL", "50.00", Map.of());
        String poolCode = "USE-" + newCode();
        addCodes(pool, List.of(poolCode));
        String member = memberWith("50.00");
        String id = redeem(member, pool).then().statusCode(201).extract().path("id");

        shop().post("/v1/reward-codes/{code}/use", poolCode).then().statusCode(200).body("status", equalTo("USED"))
                .body("code", equalTo(poolCode)).body("id", equalTo(id)).body("externalId", equalTo(member));
        shop().post("/v1/reward-codes/{code}/use", poolCode).then().statusCode(409)
                .body("currentStatus", equalTo("USED"));
        shop().post("/v1/reward-codes/{code}/use", "NO-SUCH-CODE").then().statusCode(404);

        cancel(id, "Order returned").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals("50.00", available(member));
        admin().get("/v1/admin/rewards/{code}", pool).then().body("availableCodes", equalTo(0));
        shop().post("/v1/reward-codes/{code}/use", poolCode).then().statusCode(409)
                .body("currentStatus", equalTo("CANCELLED"));
    }

    @Test
    void codesAreUploadedInBatchesOncePerPoolAndNeverShared() {
        String pool = create("COUPON_POOL", "10.00", Map.of());
        String otherPool = create("COUPON_POOL", "10.00", Map.of());
        String gift = create("PHYSICAL_GIFT", "10.00", Map.of("totalStock", 1));
        String a = "A-" + newCode();
        String b = "B-" + newCode();
        admin().body(Map.of("codes", List.of(a, b))).post("/v1/admin/rewards/{code}/codes", pool).then()
                .statusCode(200).body("added", equalTo(2)).body("alreadyInPool", equalTo(0))
                .body("availableCodes", equalTo(2));
        admin().body(Map.of("codes", List.of(a, b))).post("/v1/admin/rewards/{code}/codes", pool).then()
                .statusCode(200).body("added", equalTo(0)).body("alreadyInPool", equalTo(2));
        admin().body(Map.of("codes", List.of("C-" + newCode(), a))).post("/v1/admin/rewards/{code}/codes", otherPool)
                .then().statusCode(400).body("errors[0].field", equalTo("codes[1]"));
        String c = "C-" + newCode();
        admin().body(Map.of("codes", List.of(c, c))).post("/v1/admin/rewards/{code}/codes", otherPool).then()
                .statusCode(400).body("errors[0].field", equalTo("codes[1]"));
        admin().body(Map.of("codes", List.of("bad code!"))).post("/v1/admin/rewards/{code}/codes", otherPool).then()
                .statusCode(400).body("errors[0].field", equalTo("codes[0]"));
        admin().body(Map.of("codes", List.of(c))).post("/v1/admin/rewards/{code}/codes", gift).then()
                .statusCode(409).body("type", equalTo("https://sarafan.app/problems/wrong-state"));
        admin().body(Map.of("codes", List.of(c))).post("/v1/admin/rewards/{code}/codes", "NO_SUCH").then()
                .statusCode(404);
        admin().queryParam("entityType", "REWARD").queryParam("entityId", pool).queryParam("action",
                "REWARD_CODES_ADDED").get("/v1/admin/audit-log").then().body("items", hasSize(1));
    }

    @Test
    void stockIsAddedWhileItIsHeldAndNeverSetBelowWhatRedemptionsHold() {
        String gift = create("PHYSICAL_GIFT", "10.00", Map.of("totalStock", 1));
        String unlimited = create("FREE_SHIPPING", "10.00", Map.of());
        String first = memberWith("10.00");
        String second = memberWith("10.00");
        redeem(first, gift).then().statusCode(201);
        redeem(second, gift).then().statusCode(409).body("remainingStock", equalTo(0));

        admin().body(Map.of("quantity", 2)).post("/v1/admin/rewards/{code}/stock", gift).then().statusCode(200)
                .body("totalStock", equalTo(3)).body("remainingStock", equalTo(2)).header("ETag", equalTo("\"2\""));
        redeem(second, gift).then().statusCode(201);
        admin().body(Map.of("quantity", 2)).post("/v1/admin/rewards/{code}/stock", unlimited).then().statusCode(409);
        admin().header("If-Match", "\"2\"").body(reward(gift, "PHYSICAL_GIFT", "10.00", Map.of("totalStock", 1)))
                .put("/v1/admin/rewards/{code}", gift).then().statusCode(400)
                .body("errors[0].field", equalTo("totalStock"))
                .body("errors[0].message", equalTo("must be at least 2, the units that redemptions hold"));
        admin().header("If-Match", "\"2\"").body(reward(gift, "PHYSICAL_GIFT", "10.00", Map.of("totalStock", 2)))
                .put("/v1/admin/rewards/{code}", gift).then().statusCode(200).body("remainingStock", equalTo(0));
        // An unlimited reward that gets a stock counts the units its redemptions hold already.
        redeem(first, unlimited).then().statusCode(409);
        String third = memberWith("10.00");
        redeem(third, unlimited).then().statusCode(201);
        admin().header("If-Match", "\"1\"").body(reward(unlimited, "FREE_SHIPPING", "10.00", Map.of("totalStock", 3)))
                .put("/v1/admin/rewards/{code}", unlimited).then().statusCode(200)
                .body("remainingStock", equalTo(2)).body("redeemed", equalTo(1));
    }

    @Test
    void redemptionsAndCancellationsShowInTheAnalytics() {
        Instant from = clock.now().minusMillis(1);
        String code = create("FREE_SHIPPING", "70.00", Map.of());
        String member = memberWith("140.00");
        redeem(member, code).then().statusCode(201);
        String id = redeem(member, code).then().statusCode(201).extract().path("id");
        cancel(id, "test").then().statusCode(200);
        admin().queryParam("from", from.toString()).queryParam("to", clock.now().plusSeconds(1).toString())
                .get("/v1/admin/analytics").then().statusCode(200)
                .body("rewards.redeemed", equalTo(2)).body("rewards.bonusesSpent", equalTo("140.00"))
                .body("rewards.cancelled", equalTo(1)).body("rewards.bonusesReturned", equalTo("70.00"));
    }

    @Test
    void administratorsListRedemptionsByMemberAndReward() {
        String code = create("FREE_SHIPPING", "1.00", Map.of());
        String member = memberWith("3.00");
        for (int i = 0; i < 3; i++) {
            redeem(member, code).then().statusCode(201);
        }
        Response page = admin().queryParam("rewardCode", code).queryParam("limit", 2)
                .get("/v1/admin/reward-redemptions");
        page.then().statusCode(200).body("items", hasSize(2)).body("items[0].externalId", equalTo(member))
                .body("nextCursor", not(nullValue()));
        admin().queryParam("rewardCode", code).queryParam("cursor", page.<String>path("nextCursor"))
                .get("/v1/admin/reward-redemptions").then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", nullValue());
        admin().queryParam("externalId", member).get("/v1/admin/reward-redemptions").then().statusCode(200)
                .body("items", hasSize(3));
        admin().queryParam("externalId", "cust-nobody").get("/v1/admin/reward-redemptions").then().statusCode(404);
    }

    /** A client that retries with the same key, spelling the path another way, still redeems once. */
    @Test
    void oneKeySentToThreeSpellingsOfTheRedeemPathRedeemsOnce() {
        String code = create("FREE_SHIPPING", "5.00", Map.of("totalStock", 3));
        String member = memberWith("20.00");
        String token = tokenFor(member);
        String key = UUID.randomUUID().toString();
        String encoded = "%" + Integer.toHexString(code.charAt(0)).toUpperCase() + code.substring(1);
        List<String> paths = List.of("/v1/me/rewards/" + code + "/redeem", "/v1/me/rewards/" + encoded + "/redeem",
                "/v1/me/rewards/" + code + "/redeem/");
        List<String> ids = new java.util.ArrayList<>();
        for (String path : paths) {
            Response answer = io.restassured.RestAssured.given().urlEncodingEnabled(false)
                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).post(path);
            answer.then().statusCode(201);
            ids.add(answer.path("id"));
        }
        assertEquals(List.of(ids.get(0), ids.get(0), ids.get(0)), ids);
        assertEquals("15.00", available(member));
        assertEquals("1", db().value("SELECT count(*) FROM reward_redemption WHERE reward_code = '%s'"
                .formatted(code)));
    }

    @Test
    void aRedemptionAndItsCancellationReachTheWebhooksSubscribedToThemAndTellTheMember() {
        String endpoint = admin().body(Map.of("url", "http://127.0.0.1:9/hooks/rewards", "eventTypes",
                        List.of("REWARD_REDEEMED", "REWARD_REDEMPTION_CANCELLED"))).post("/v1/admin/webhooks")
                .then().statusCode(201).extract().path("id");
        try {
            String code = create("FREE_SHIPPING", "5.00", Map.of());
            String member = memberWith("5.00");
            String id = redeem(member, code).then().statusCode(201).extract().path("id");
            cancel(id, "Ordered twice").then().statusCode(200);
            assertEquals(List.of("REWARD_REDEEMED", "REWARD_REDEMPTION_CANCELLED"), db().column("""
                    SELECT e.type FROM webhook_delivery d JOIN domain_event e ON e.id = d.event_id
                    WHERE d.endpoint_id = %s AND e.payload::jsonb ->> 'redemptionId' = '%s' ORDER BY e.id"""
                    .formatted(endpoint, id)));
            assertEquals(List.of("REWARD_REDEEMED", "REWARD_REDEMPTION_CANCELLED"), db().column("""
                    SELECT n.kind FROM notification n JOIN domain_event e ON e.id = n.event_id
                    WHERE e.payload::jsonb ->> 'redemptionId' = '%s' ORDER BY n.id""".formatted(id)),
                    "the member's email and feed messages");
            io.restassured.RestAssured.given().header("Authorization", "Bearer " + tokenFor(member))
                    .get("/v1/me/notifications").then().statusCode(200)
                    .body("items.kind", hasItems("REWARD_REDEEMED", "REWARD_REDEMPTION_CANCELLED"))
                    .body("items.find { it.kind == 'REWARD_REDEEMED' }.title", equalTo("Your reward: Reward " + code))
                    .body("items.find { it.kind == 'REWARD_REDEMPTION_CANCELLED' }.data.amount", equalTo("5.00"))
                    .body("items.find { it.kind == 'REWARD_REDEMPTION_CANCELLED' }.text",
                            containsString("Ordered twice"));
        } finally {
            admin().delete("/v1/admin/webhooks/{id}", endpoint).then().statusCode(204);
        }
    }
}
