package app.sarafan.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import app.sarafan.support.ShopEvents;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Earning tests own the rules in force: every rule active when a test starts or ends is deactivated (through the
 * API, as an administrator would), so that each test's amounts come from its own rules only.
 */
public abstract class EarningTest extends ApiTest {

    @BeforeEach
    @AfterEach
    void noRuleInForce() {
        app.sarafan.support.TestRules.noRuleInForce();
    }

    protected static String rule(Map<String, Object> definition) {
        return admin().body(definition).post("/v1/admin/rules").then().statusCode(201).extract().path("id");
    }

    protected static Map<String, Object> event(String type, String member, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "memberId", member));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    protected static Map<String, Object> order(String id, String total, Object... lines) {
        Map<String, Object> order = new HashMap<>(Map.of("id", id, "total", total));
        if (lines.length > 0) {
            order.put("lines", List.of(lines));
        }
        return order;
    }

    protected static Map<String, Object> line(String sku, String category, String price, int quantity) {
        return Map.of("sku", sku, "category", category, "price", price, "quantity", quantity);
    }

    protected static Response paid(String member, Map<String, Object> order) {
        return ShopEvents.send(event("ORDER_PAID", member, "order", order));
    }

    /** A member registered through an event, referred by {@code referrer} (null for none). */
    protected static String registered(String referrer) {
        String id = "cust-" + java.util.UUID.randomUUID();
        Map<String, Object> body = event("MEMBER_REGISTERED", id, "member", Map.of("email", id + "@example.com"));
        if (referrer != null) {
            body.put("attribution", Map.of("referralCode", codeOf(referrer)));
        }
        ShopEvents.send(body).then().statusCode(200);
        return id;
    }

    protected static String codeOf(String member) {
        return shop().get("/v1/members/{id}/referral", member).then().statusCode(200).extract().path("code");
    }

    protected static List<Object> levels(String... percents) {
        List<Object> levels = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            levels.add(Map.of("level", i + 1, "value", percents[i]));
        }
        return levels;
    }

    protected static String pending(String member) {
        return shop().get("/v1/members/{id}/balance", member).then().statusCode(200).extract().path("pending");
    }
}
