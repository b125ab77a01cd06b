package app.sarafan.redemption;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import app.sarafan.event.OrderCancelled;
import app.sarafan.event.OrderPaid;
import app.sarafan.event.OrderRefunded;
import app.sarafan.member.MemberService;
import app.sarafan.support.ApiTest;
import app.sarafan.support.TestRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * What redemption tests share: a pay-with-bonuses rule in force for the test, carts, and the shop's order events
 * fired in a transaction of their own, exactly as the events endpoint delivers them.
 */
abstract class RedemptionTestSupport extends ApiTest {

    protected final TestRules rules = new TestRules();

    @Inject
    Event<OrderPaid> paid;

    @Inject
    Event<OrderCancelled> cancelled;

    @Inject
    Event<OrderRefunded> refunded;

    @Inject
    MemberService members;

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    protected String payWithBonuses(Map<String, Object> spending) {
        return rules.activate(Map.of("name", "Pay with bonuses", "profile", "PAY_WITH_BONUSES", "spending", spending));
    }

    protected static Map<String, Object> line(String sku, String category, String unitPrice, int quantity) {
        return Map.of("sku", sku, "category", category, "unitPrice", unitPrice, "quantity", quantity);
    }

    protected static Response quote(String externalId, List<Map<String, Object>> lines) {
        return shop().body(Map.of("externalId", externalId, "lines", lines)).post("/v1/quotes");
    }

    protected static Response apply(String externalId, String orderId, String amount, List<Map<String, Object>> lines) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("externalId", externalId, "orderId", orderId,
                "lines", lines));
        if (amount != null) {
            body.put("amount", amount);
        }
        return shop().body(body).post("/v1/redemptions");
    }

    protected static String newOrder() {
        return "ord-" + java.util.UUID.randomUUID();
    }

    protected static io.restassured.path.json.JsonPath balance(String externalId) {
        return shop().get("/v1/members/{id}/balance", externalId).then().statusCode(200).extract().jsonPath();
    }

    protected long memberId(String externalId) {
        return members.ref(externalId).id();
    }

    protected void orderPaid(String externalId, String orderId, String total, String bonusesApplied) {
        long memberId = memberId(externalId);
        QuarkusTransaction.requiringNew().run(() -> paid.fire(new OrderPaid(memberId, orderId, "evt-" + orderId,
                new BigDecimal(total), new BigDecimal(bonusesApplied), clock.now())));
    }

    protected void orderCancelled(String externalId, String orderId) {
        long memberId = memberId(externalId);
        QuarkusTransaction.requiringNew().run(() -> cancelled.fire(new OrderCancelled(memberId, orderId,
                "evt-cancel-" + orderId)));
    }

    protected void orderRefunded(String externalId, String orderId, BigDecimal share) {
        long memberId = memberId(externalId);
        QuarkusTransaction.requiringNew().run(() -> refunded.fire(new OrderRefunded(memberId, orderId,
                "evt-refund-" + orderId + "-" + share, share)));
    }
}
