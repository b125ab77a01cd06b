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
        rule(Map.of("name", "Cashback 5 %", "profile", "ORDER_PAID", "lifetimeDays", 30,
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
        Instant before = clock.now();
        String expiresAt = paid(customer, order("ord-" + customer, "10000.00")).then().statusCode(200)
                .body("accruals[0].amount", equalTo("500.00"))
                .body("accruals[0].status", equalTo("AVAILABLE"))
                .extract().path("accruals[0].expiresAt");
        assertEquals(Duration.ofDays(30).toSeconds(),
                Duration.between(before, Instant.parse(expiresAt)).toSeconds(), 5);
        assertEquals("1000.00", available(customer));
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        assertEquals("500.00", available(customer), "the cashback burns after a month; the welcome bonus stays");
    }

    @Test
    void cashbackIsTakenOfWhatWasPaidNetOfTheBonusesSpent() {
        String customer = registered(null);
        Map<String, Object> order = order("ord-" + customer, "10000.00");
        order.put("bonusesApplied", "2000.00");
        paid(customer, order).then().statusCode(200).body("accruals[0].amount", equalTo("400.00"));
    }
}
