package app.sarafan.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §13, the sports shop, end to end through the events endpoint, to the cent. */
@QuarkusTest
class WorkedExampleTest extends EarningTest {

    @BeforeEach
    void sportsShopRules() {
        rule(Map.of("name", "Welcome bonus", "profile", "REGISTRATION",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"))));
        rule(Map.of("name", "Cashback 5 %", "profile", "ORDER_PAID", "lifetimeMonths", 1,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
        rule(Map.of("name", "Referral 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT", "levels", levels("5.00")))));
    }

    @Test
    void registrationGivesFiveHundredBonuses() {
        String member = registered(null);
        assertEquals("500.00", available(member));
    }

    @Test
    void aReferredCustomerPayingOneThousandEarnsTheReferrerFifty() {
        String referrer = registered(null);
        String customer = registered(referrer);
        paid(customer, order("ord-" + customer, "1000.00")).then().statusCode(200)
                .body("outcome", equalTo("PROCESSED"))
                .body("accruals", hasSize(2))
                .body("accruals.find { it.role == 'REFERRER' }.memberId", equalTo(referrer))
                .body("accruals.find { it.role == 'REFERRER' }.level", equalTo(1))
                .body("accruals.find { it.role == 'REFERRER' }.amount", equalTo("50.00"))
                .body("accruals.find { it.role == 'MEMBER' }.amount", equalTo("50.00"));
        assertEquals("550.00", available(referrer));
        assertEquals("550.00", available(customer));
    }

    @Test
    void anOrderOfTenThousandGivesFiveHundredValidForOneMonth() {
        String customer = registered(null);
        io.restassured.path.json.JsonPath accrual = paid(customer, order("ord-" + customer, "10000.00")).then()
                .statusCode(200)
                .body("accruals[0].amount", equalTo("500.00"))
                .body("accruals[0].status", equalTo("AVAILABLE"))
                .extract().jsonPath();
        Instant availableFrom = Instant.parse(accrual.getString("accruals[0].availableFrom"));
        Instant expiresAt = Instant.parse(accrual.getString("accruals[0].expiresAt"));
        assertEquals(availableFrom.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant(), expiresAt,
                "valid one calendar month, to the microsecond");
        assertEquals("1000.00", available(customer));
        clock.advance(Duration.between(clock.now(), expiresAt).plusMinutes(1));
        assertEquals("500.00", available(customer), "the cashback burns after a month; the welcome bonus stays");
    }

    /** Bonuses may pay 20 % of an order; the customer reserves the most for a 10 000 bike. */
    private static String reserveForTheBike(String customer, String orderId) {
        rule(Map.of("name", "Bonuses pay up to 20 %", "profile", "PAY_WITH_BONUSES",
                "spending", Map.of("maxPercent", "20.00")));
        List<Map<String, Object>> cart = List.of(Map.of("sku", "BIKE", "category", "Bikes", "unitPrice", "10000.00",
                "quantity", 1));
        return shop().body(Map.of("externalId", customer, "orderId", orderId, "lines", cart)).post("/v1/redemptions")
                .then().statusCode(201).body("amount", equalTo("2000.00")).extract().path("id");
    }

    @Test
    void cashbackIsTakenOfWhatWasPaidNetOfTheBonusesSpent() {
        String customer = registered(null);
        credit(customer, "2000.00");
        String orderId = "ord-" + customer;
        reserveForTheBike(customer, orderId);
        Map<String, Object> order = order(orderId, "10000.00");
        order.put("bonusesApplied", "2000.00");
        paid(customer, order).then().statusCode(200).body("accruals[0].amount", equalTo("400.00"));
        assertEquals("900.00", available(customer), "500 welcome + 2000 - 2000 spent + 400 cashback");
    }

    @Test
    void bonusesStatedOnAPaidOrderThatNobodyReservedAreRefusedAndNothingIsKept() {
        String customer = registered(null);
        credit(customer, "2000.00");
        Map<String, Object> order = order("ord-" + customer, "10000.00");
        order.put("bonusesApplied", "2000.00");
        paid(customer, order).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://sarafan.app/problems/bonuses-not-reserved"))
                .body("status", equalTo(409))
                .body("reserved", equalTo("0.00"));
        assertEquals("2500.00", available(customer), "nothing of the event was kept: no cashback, nothing spent");
    }

    @Test
    void bonusesStatedBeyondTheReservationAreRefusedAndTheReservationStays() {
        String customer = registered(null);
        credit(customer, "4500.00");
        String orderId = "ord-" + customer;
        String redemption = reserveForTheBike(customer, orderId);
        Map<String, Object> order = order(orderId, "10000.00");
        order.put("bonusesApplied", "2500.00");
        paid(customer, order).then().statusCode(409)
                .body("type", equalTo("https://sarafan.app/problems/bonuses-not-reserved"))
                .body("reserved", equalTo("2000.00"));
        shop().get("/v1/redemptions/{id}", redemption).then().statusCode(200).body("status", equalTo("RESERVED"));
        assertEquals("3000.00", available(customer), "500 welcome + 4500 - 2000 still reserved");

        order.put("bonusesApplied", "1500.00");
        paid(customer, order).then().statusCode(200).body("accruals[0].amount", equalTo("425.00"));
        shop().get("/v1/redemptions/{id}", redemption).then().statusCode(200).body("status", equalTo("CAPTURED"))
                .body("captured", equalTo("1500.00"));
        assertEquals("3925.00", available(customer), "5000 - 1500 spent + 425 cashback; the other 500 released");
    }

    @Test
    void bonusesPayAtMostTwentyPercentAndTheCashbackIsTakenOfTheMoneyPaid() {
        rule(Map.of("name", "Bonuses pay up to 20 %", "profile", "PAY_WITH_BONUSES",
                "spending", Map.of("maxPercent", "20.00")));
        String customer = registered(null);
        credit(customer, "4500.00");
        List<Map<String, Object>> cart = List.of(Map.of("sku", "BIKE", "category", "Bikes", "unitPrice", "10000.00",
                "quantity", 1));
        shop().body(Map.of("externalId", customer, "lines", cart)).post("/v1/quotes").then().statusCode(200)
                .body("maxApplicable", equalTo("2000.00"));
        String orderId = "ord-" + customer;
        shop().body(Map.of("externalId", customer, "orderId", orderId, "lines", cart)).post("/v1/redemptions")
                .then().statusCode(201).body("amount", equalTo("2000.00"));
        // The shop reports the payment without restating the bonuses: the reservation is what paid.
        paid(customer, order(orderId, "10000.00")).then().statusCode(200)
                .body("accruals[0].amount", equalTo("400.00"));
        assertEquals("3400.00", available(customer), "500 welcome + 4500 - 2000 spent + 400 cashback");
    }
}
