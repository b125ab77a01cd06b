package app.sarafan.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ShopEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancellations, refunds and events that arrive out of order. */
@QuarkusTest
class OrderLifecycleTest extends EarningTest {

    @BeforeEach
    void cashbackAndNetwork() {
        rule(Map.of("name", "Cashback 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
        rule(Map.of("name", "Network 5/2/1 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", levels("5.00", "2.00", "1.00")))));
    }

    private static io.restassured.response.Response cancelled(String member, String orderId) {
        return ShopEvents.send(event("ORDER_CANCELLED", member, "order", Map.of("id", orderId)));
    }

    private static io.restassured.response.Response refunded(String member, String orderId, Map<String, Object> refund) {
        Map<String, Object> body = event("ORDER_REFUNDED", member, "order", Map.of("id", orderId));
        if (refund != null) {
            body.put("refund", refund);
        }
        return ShopEvents.send(body);
    }

    @Test
    void cancelledOrderReversesEveryReferralLevel() {
        String top = newMember();
        String middle = registered(top);
        String referrer = registered(middle);
        String buyer = registered(referrer);
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "1000.00")).then().body("accruals", hasSize(4));
        cancelled(buyer, orderId).then().statusCode(200)
                .body("reversals", hasSize(4))
                .body("reversals.kind", equalTo(List.of("REVERSAL", "REVERSAL", "REVERSAL", "REVERSAL")))
                .body("reversals.find { it.memberId == '" + top + "' }.amount", equalTo("10.00"));
        for (String member : List.of(top, middle, referrer, buyer)) {
            assertEquals("0.00", available(member), member);
        }
    }

    @Test
    void aCancelledPendingAccrualIsVoidedAndNeverBecomesAvailable() {
        rule(Map.of("name", "Held cashback", "profile", "ORDER_PAID", "delayDays", 14,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "25.00"))));
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "100.00")).then()
                .body("accruals.find { it.amount == '25.00' }.status", equalTo("PENDING"));
        assertEquals("25.00", pending(buyer));
        cancelled(buyer, orderId).then().body("reversals.find { it.amount == '25.00' }.kind", equalTo("VOID"));
        clock.advance(Duration.ofDays(15));
        assertEquals("0.00", pending(buyer));
        assertEquals("0.00", available(buyer));
    }

    @Test
    void cancellingAfterTheBonusesWereSpentLeavesADebtThatLaterAccrualsRepay() {
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "1000.00")).then().body("accruals[0].amount", equalTo("50.00"));
        adjust(buyer, Map.of("type", "DEBIT", "amount", "40.00", "reason", "spent")).then().statusCode(201);
        cancelled(buyer, orderId).then().body("reversals[0].amount", equalTo("50.00"));
        assertEquals("-40.00", available(buyer));
        paid(buyer, order("next-" + buyer, "1000.00")).then().statusCode(200);
        assertEquals("10.00", available(buyer));
    }

    @Test
    void partialRefundsReverseProportionallyAndEndExactlyAtTheFullAmount() {
        String referrer = newMember();
        String buyer = registered(referrer);
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "999.99")).then()
                .body("accruals.find { it.role == 'MEMBER' }.amount", equalTo("50.00"))
                .body("accruals.find { it.role == 'REFERRER' }.amount", equalTo("50.00"));
        refunded(buyer, orderId, Map.of("amount", "333.33")).then().statusCode(200)
                .body("reversals", hasSize(2)).body("reversals[0].amount", equalTo("16.67"));
        assertEquals("33.33", available(buyer));
        refunded(buyer, orderId, Map.of("amount", "333.33")).then().body("reversals[0].amount", equalTo("16.66"));
        assertEquals("16.67", available(buyer));
        refunded(buyer, orderId, Map.of("amount", "333.34")).then().statusCode(400)
                .body("errors[0].field", equalTo("refund.amount"));
        refunded(buyer, orderId, Map.of("amount", "333.33")).then().body("reversals[0].amount", equalTo("16.67"));
        assertEquals("0.00", available(buyer));
        assertEquals("0.00", available(referrer));
        refunded(buyer, orderId, Map.of("amount", "0.01")).then().statusCode(200)
                .body("outcome", equalTo("IGNORED"));
    }

    @Test
    void aRefundByLinesTakesBackTheirShare() {
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "400.00", line("BALL", "balls", "100.00", 2), line("NET", "nets", "200.00", 1)))
                .then().body("accruals[0].amount", equalTo("20.00"));
        refunded(buyer, orderId, Map.of("lines", List.of(Map.of("sku", "BALL", "quantity", 1)))).then()
                .statusCode(200).body("reversals[0].amount", equalTo("5.00"));
        assertEquals("15.00", available(buyer));
        refunded(buyer, orderId, Map.of("lines", List.of(Map.of("sku", "BALL", "quantity", 2)))).then()
                .statusCode(400).body("errors[0].field", equalTo("refund.lines[0].quantity"));
        refunded(buyer, orderId, Map.of("lines", List.of(Map.of("sku", "BAT", "quantity", 1)))).then()
                .statusCode(400).body("errors[0].field", equalTo("refund.lines[0].sku"));
        refunded(buyer, orderId, null).then().statusCode(200).body("reversals[0].amount", equalTo("15.00"));
        assertEquals("0.00", available(buyer));
    }

    @Test
    void aRefundOfMoreThanWasPaidIsRefused() {
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "100.00")).then().statusCode(200);
        refunded(buyer, orderId, Map.of("amount", "100.01")).then().statusCode(400)
                .body("errors[0].field", equalTo("refund.amount"));
        assertEquals("5.00", available(buyer));
    }

    @Test
    void aPaymentThatArrivesAfterTheCancellationEarnsNothing() {
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        cancelled(buyer, orderId).then().statusCode(200).body("outcome", equalTo("PROCESSED"));
        paid(buyer, order(orderId, "1000.00")).then().statusCode(200)
                .body("outcome", equalTo("IGNORED")).body("note", equalTo("the order was cancelled"))
                .body("accruals", hasSize(0));
        assertEquals("0.00", available(buyer));
    }

    @Test
    void aPaymentBeforeThePlacementStillEarnsBothOnce() {
        rule(Map.of("name", "Thanks for ordering", "profile", "ORDER_PLACED",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "10.00"))));
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "100.00")).then().body("accruals", hasSize(1));
        ShopEvents.send(event("ORDER_PLACED", buyer, "order", order(orderId, "100.00"))).then().statusCode(200)
                .body("accruals[0].amount", equalTo("10.00"));
        ShopEvents.send(event("ORDER_PLACED", buyer, "order", order(orderId, "100.00"))).then().statusCode(200)
                .body("outcome", equalTo("IGNORED"));
        paid(buyer, order(orderId, "100.00")).then().body("outcome", equalTo("IGNORED"));
        assertEquals("15.00", available(buyer));
    }

    @Test
    void aRefundThatArrivesBeforeThePaymentIsAppliedWhenThePaymentComes() {
        String buyer = newMember();
        String orderId = "ord-" + buyer;
        ShopEvents.send(event("ORDER_REFUNDED", buyer, "order", order(orderId, "1000.00"),
                "refund", Map.of("amount", "500.00"))).then().statusCode(200)
                .body("note", equalTo("recorded; applied when the order is paid"));
        paid(buyer, Map.of("id", orderId)).then().statusCode(200)
                .body("accruals[0].amount", equalTo("50.00"))
                .body("reversals[0].amount", equalTo("25.00"));
        assertEquals("25.00", available(buyer));
    }

    @Test
    void anOrderOfAnotherMemberIsRefused() {
        String buyer = newMember();
        String other = newMember();
        String orderId = "ord-" + buyer;
        paid(buyer, order(orderId, "100.00")).then().statusCode(200);
        cancelled(other, orderId).then().statusCode(400).body("errors[0].field", equalTo("memberId"));
        assertEquals("5.00", available(buyer));
    }
}
