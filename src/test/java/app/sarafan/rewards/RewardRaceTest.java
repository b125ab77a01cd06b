package app.sarafan.rewards;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import app.sarafan.support.Database;
import app.sarafan.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Redemptions that really race (concurrent HTTP requests released at one instant): the stock is never oversold, a
 * pooled code goes to one member, a member never passes their limit, and a balance is never overdrawn. Every
 * guarantee comes from the database (row locks, a conditional update, SKIP LOCKED), so it holds across instances.
 */
@QuarkusTest
class RewardRaceTest extends RewardTestSupport {

    @Inject
    DataSource dataSource;

    private static List<String> tokens(List<String> members) {
        return members.stream().map(RewardTestSupport::tokenFor).toList();
    }

    @Test
    void manyMembersRacingForAStockOfThreeGetThreeUnits() throws Exception {
        String gift = create("PHYSICAL_GIFT", "100.00", Map.of("totalStock", 3));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(memberWith("150.00"));
        }
        List<String> tokens = tokens(members);
        AtomicInteger next = new AtomicInteger();

        Map<Integer, Integer> answers = Race.answers(12,
                () -> redeemWithToken(tokens.get(next.getAndIncrement()), gift).statusCode());

        assertEquals(Map.of(201, 3, 409, 9), answers);
        admin().get("/v1/admin/rewards/{code}", gift).then().body("remainingStock", equalTo(0))
                .body("redeemed", equalTo(3)).body("totalStock", equalTo(3));
        long charged = members.stream().filter(m -> available(m).equals("50.00")).count();
        long untouched = members.stream().filter(m -> available(m).equals("150.00")).count();
        assertEquals(3, charged);
        assertEquals(9, untouched);
    }

    @Test
    void manyMembersRacingForAPoolOfOneCodeLeaveItWithOneOfThem() throws Exception {
        String pool = create("COUPON_POOL", "100.00", Map.of());
        String code = "ONLY-" + newCode();
        addCodes(pool, List.of(code));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(memberWith("100.00"));
        }
        List<String> tokens = tokens(members);
        AtomicInteger next = new AtomicInteger();

        Map<Integer, Integer> answers = Race.answers(10,
                () -> redeemWithToken(tokens.get(next.getAndIncrement()), pool).statusCode());

        assertEquals(Map.of(201, 1, 409, 9), answers);
        Database db = new Database(dataSource);
        assertEquals(List.of(code), db.column(
                "SELECT code FROM reward_redemption WHERE reward_code = '" + pool + "'"));
        assertEquals(1, members.stream().filter(m -> available(m).equals("0.00")).count());
        admin().get("/v1/admin/rewards/{code}", pool).then().body("availableCodes", equalTo(0))
                .body("redeemed", equalTo(1));
    }

    @Test
    void manyMembersRacingForAPoolGetEachADifferentCode() throws Exception {
        String pool = create("COUPON_POOL", "10.00", Map.of());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add("P" + i + "-" + newCode());
        }
        addCodes(pool, codes);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(memberWith("10.00"));
        }
        List<String> tokens = tokens(members);
        AtomicInteger next = new AtomicInteger();

        Map<Integer, Integer> answers = Race.answers(8,
                () -> redeemWithToken(tokens.get(next.getAndIncrement()), pool).statusCode());

        assertEquals(Map.of(201, 5, 409, 3), answers);
        List<String> issued = new Database(dataSource).column(
                "SELECT code FROM reward_redemption WHERE reward_code = '" + pool + "' ORDER BY code");
        assertEquals(codes.stream().sorted().toList(), issued);
    }

    @Test
    void oneMemberRacingPastTheirLimitGetsOnlyTheLimit() throws Exception {
        String discount = create("FIXED_DISCOUNT", "50.00", Map.of("discountAmount", "100.00", "perMemberLimit", 2));
        String member = memberWith("1000.00");
        String token = tokenFor(member);

        Map<Integer, Integer> answers = Race.answers(8, () -> redeemWithToken(token, discount).statusCode());

        assertEquals(Map.of(201, 2, 409, 6), answers);
        assertEquals("900.00", available(member));
        member(member).get("/v1/me/rewards").then().statusCode(200)
                .body("find { it.code == '" + discount + "' }.remainingForMember", equalTo(0))
                .body("find { it.code == '" + discount + "' }.blockedBy", equalTo("LIMIT_REACHED"));
    }

    @Test
    void racingRedemptionsOnABalanceThatCoversOneNeverOverdrawIt() throws Exception {
        String shipping = create("FREE_SHIPPING", "500.00", Map.of());
        String other = create("COUPON_PATTERN", "500.00", Map.of("codePattern", "RACE-####-??"));
        String member = memberWith("600.00");
        String token = tokenFor(member);
        AtomicInteger next = new AtomicInteger();

        Map<Integer, Integer> answers = Race.answers(6,
                () -> redeemWithToken(token, next.getAndIncrement() % 2 == 0 ? shipping : other).statusCode());

        assertEquals(Map.of(201, 1, 409, 5), answers);
        assertEquals("100.00", available(member));
        shop().get("/v1/members/{id}/balance", member).then().body("total", equalTo("100.00"))
                .body("reserved", equalTo("0.00"));
    }

    @Test
    void racingCancelsOfOneRedemptionGiveItsBonusesAndStockBackOnce() throws Exception {
        String gift = create("PHYSICAL_GIFT", "80.00", Map.of("totalStock", 1));
        String member = memberWith("80.00");
        String id = redeem(member, gift).then().statusCode(201).extract().path("id");

        Map<Integer, Integer> answers = Race.answers(6, () -> cancel(id, "Out of season").statusCode());

        assertEquals(Map.of(200, 6), answers);
        assertEquals("80.00", available(member));
        admin().get("/v1/admin/rewards/{code}", gift).then().body("remainingStock", equalTo(1))
                .body("redeemed", equalTo(0));
        assertEquals("1", new Database(dataSource).value(
                "SELECT count(*) FROM ledger_transaction WHERE kind = 'RETURN' AND source_type = 'REWARD'"
                        + " AND source_id = '" + id + "'"));
    }

    @Test
    void oneRedemptionRetriedAtOnceWithItsKeyIsRedeemedOnce() throws Exception {
        String shipping = create("FREE_SHIPPING", "30.00", Map.of());
        String member = memberWith("100.00");
        String token = tokenFor(member);
        String key = java.util.UUID.randomUUID().toString();

        Map<Integer, Integer> answers = Race.answers(5, () -> io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .post("/v1/me/rewards/{code}/redeem", shipping).statusCode());

        assertEquals(1, new Database(dataSource).column(
                "SELECT id FROM reward_redemption WHERE reward_code = '" + shipping + "'").size());
        assertEquals("70.00", available(member));
        // Retries that found the first still running may be told to retry (409 idempotency-key-in-use).
        assertEquals(5, answers.getOrDefault(201, 0) + answers.getOrDefault(409, 0), answers.toString());
    }
}
