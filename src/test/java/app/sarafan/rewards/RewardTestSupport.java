package app.sarafan.rewards;

import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What the reward tests share: rewards of each type with a fresh code, members with bonuses, redeeming. */
abstract class RewardTestSupport extends ApiTest {

    /** A reward code no other test uses. */
    static String newCode() {
        return "RW_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    }

    static Map<String, Object> reward(String code, String type, String price, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "Reward " + code, "type", type,
                "price", price));
        body.putAll(more);
        return body;
    }

    static String create(String type, String price, Map<String, Object> more) {
        String code = newCode();
        admin().body(reward(code, type, price, more)).post("/v1/admin/rewards").then().statusCode(201);
        return code;
    }

    static void addCodes(String reward, List<String> codes) {
        admin().body(Map.of("codes", codes)).post("/v1/admin/rewards/{code}/codes", reward).then().statusCode(200);
    }

    /** A member with {@code amount} available bonuses (no expiry). */
    static String memberWith(String amount) {
        String member = newMember();
        credit(member, amount);
        return member;
    }

    static Response redeem(String member, String reward) {
        return redeemWithToken(tokenFor(member), reward);
    }

    static Response redeemWithToken(String token, String reward) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .post("/v1/me/rewards/{code}/redeem", reward);
    }

    static Response cancel(String redemptionId, String reason) {
        return admin().body(Map.of("reason", reason)).post("/v1/admin/reward-redemptions/{id}/cancel", redemptionId);
    }

    static Map<String, Object> adminReward(String code) {
        return admin().get("/v1/admin/rewards/{code}", code).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    static void assertRemaining(String code, Integer remainingStock) {
        admin().get("/v1/admin/rewards/{code}", code).then().statusCode(200)
                .body("remainingStock", equalTo(remainingStock));
    }
}
