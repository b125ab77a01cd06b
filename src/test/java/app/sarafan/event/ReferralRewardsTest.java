package app.sarafan.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Rewards up the referral chain, per level, and the one-time reward for a referral's first payment. */
@QuarkusTest
class ReferralRewardsTest extends EarningTest {

    @Test
    void aThreeLevelChainEarnsEachLevelItsOwnPercentRoundedOnce() {
        rule(Map.of("name", "Network 5/2/1 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", levels("5.00", "2.00", "1.00")))));
        String top = newMember();
        String second = registered(top);
        String third = registered(second);
        String buyer = registered(third);
        paid(buyer, order("ord-" + buyer, "1234.56")).then().statusCode(200)
                .body("accruals", hasSize(3))
                .body("accruals.find { it.level == 1 }.memberId", equalTo(third))
                .body("accruals.find { it.level == 1 }.amount", equalTo("61.73"))
                .body("accruals.find { it.level == 2 }.memberId", equalTo(second))
                .body("accruals.find { it.level == 2 }.amount", equalTo("24.69"))
                .body("accruals.find { it.level == 3 }.memberId", equalTo(top))
                .body("accruals.find { it.level == 3 }.amount", equalTo("12.35"));
        assertEquals("61.73", available(third));
        assertEquals("24.69", available(second));
        assertEquals("12.35", available(top));
        assertEquals("0.00", available(buyer));
        shop().get("/v1/members/{id}/transactions", second).then()
                .body("items[0].ruleVersionId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aChainShorterThanTheRuleRewardsTheLevelsThatExist() {
        rule(Map.of("name", "Network 5/2/1 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", levels("5.00", "2.00", "1.00")))));
        String referrer = newMember();
        String buyer = registered(referrer);
        paid(buyer, order("ord-" + buyer, "100.00")).then().statusCode(200).body("accruals", hasSize(1));
        assertEquals("5.00", available(referrer));
    }

    @Test
    void theFirstPaymentRewardIsPaidOncePerReferralAndForAtMostTheLimitOfReferrals() {
        rule(Map.of("name", "Friend's first purchase", "profile", "ORDER_PAID",
                "limits", Map.of("rewardedReferrals", 2),
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "FIXED", "firstPaymentOnly", true,
                        "levels", levels("300.00")))));
        String referrer = newMember();
        String first = registered(referrer);
        String second = registered(referrer);
        String third = registered(referrer);
        paid(first, order("a-" + first, "100.00")).then().body("accruals[0].amount", equalTo("300.00"));
        paid(first, order("b-" + first, "100.00")).then().body("accruals", hasSize(0));
        paid(second, order("a-" + second, "100.00")).then().body("accruals[0].amount", equalTo("300.00"));
        paid(third, order("a-" + third, "100.00")).then().statusCode(200)
                .body("accruals", hasSize(0))
                .body("skipped[0].memberId", equalTo(referrer))
                .body("skipped[0].reason", equalTo("limit of 2 rewarded referrals reached"));
        assertEquals("600.00", available(referrer));
    }

    @Test
    void aReferralWhoRegisteredWithoutAReferrerIsBoundByTheCouponOfTheirFirstOrder() {
        rule(Map.of("name", "Referral 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT", "levels", levels("5.00")))));
        String referrer = newMember();
        String coupon = member(referrer).post("/v1/me/coupons").then().statusCode(201).extract().path("code");
        String buyer = registered(null);
        Map<String, Object> order = order("ord-" + buyer, "400.00");
        order.put("couponCode", coupon);
        paid(buyer, order).then().statusCode(200).body("accruals[0].memberId", equalTo(referrer))
                .body("accruals[0].amount", equalTo("20.00"));
        shop().get("/v1/members/{id}/referral", buyer).then().body("referrerExternalId", equalTo(referrer));
    }
}
