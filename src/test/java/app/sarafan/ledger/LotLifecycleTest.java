package app.sarafan.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LotLifecycleTest extends ApiTest {

    private static Map<String, Object> creditFor(String amount, Integer lifetimeDays) {
        return lifetimeDays == null
                ? Map.of("type", "CREDIT", "amount", amount, "reason", "lot without expiry")
                : Map.of("type", "CREDIT", "amount", amount, "reason", "lot", "lifetimeDays", lifetimeDays);
    }

    @Test
    void spendingConsumesTheSoonestExpiringLotsFirst() {
        String alice = newMember();
        adjust(alice, creditFor("30.00", null)).then().statusCode(201);
        adjust(alice, creditFor("20.00", 10)).then().statusCode(201);
        adjust(alice, creditFor("10.00", 5)).then().statusCode(201);
        adjust(alice, creditFor("40.00", 20)).then().statusCode(201);

        // Takes the 5-day lot whole and 5.00 of the 10-day lot; the 20-day lot and the lot without expiry stay.
        adjust(alice, Map.of("type", "DEBIT", "amount", "15.00", "reason", "spend")).then().statusCode(201);
        assertEquals("85.00", available(alice));

        clock.advance(Duration.ofDays(6));
        assertEquals("85.00", available(alice), "the 5-day lot was spent, nothing of it is left to burn");
        shop().get("/v1/members/{id}/balance", alice).then()
                .body("expiringSoon.amount", equalTo("15.00"));

        clock.advance(Duration.ofDays(5));
        assertEquals("70.00", available(alice), "what was left of the 10-day lot burnt");
        clock.advance(Duration.ofDays(10));
        assertEquals("30.00", available(alice), "the 20-day lot burnt whole; the lot without expiry never burns");

        List<String> expiries = shop().queryParam("kind", "EXPIRY").get("/v1/members/{id}/transactions", alice)
                .then().statusCode(200).extract().path("items.amount");
        assertEquals(List.of("-40.00", "-15.00"), expiries);
    }

    @Test
    void lotsWithoutExpiryAreSpentLastAndOldestFirst() {
        String bob = newMember();
        adjust(bob, creditFor("10.00", null)).then().statusCode(201);
        adjust(bob, creditFor("10.00", 30)).then().statusCode(201);
        adjust(bob, Map.of("type", "DEBIT", "amount", "10.00", "reason", "spend")).then().statusCode(201);

        clock.advance(Duration.ofDays(31));
        assertEquals("10.00", available(bob), "the expiring lot was spent, the everlasting one is still there");
        shop().queryParam("kind", "EXPIRY").get("/v1/members/{id}/transactions", bob)
                .then().body("items.size()", equalTo(0));
    }

    @Test
    void aDelayedCreditIsPendingUntilItsHoldEndsThenLivesItsLifetime() {
        String carol = newMember();
        adjust(carol, Map.of("type", "CREDIT", "amount", "50.00", "reason", "delayed", "delayDays", 14,
                "lifetimeDays", 30)).then().statusCode(201)
                .body("transaction.pendingChange", equalTo("50.00"))
                .body("transaction.availableChange", equalTo("0.00"))
                .body("balance.pending", equalTo("50.00"))
                .body("balance.available", equalTo("0.00"));
        adjust(carol, Map.of("type", "DEBIT", "amount", "0.01", "reason", "pending is not spendable"))
                .then().statusCode(409).body("available", equalTo("0.00"));

        clock.advance(Duration.ofDays(14));
        shop().get("/v1/members/{id}/balance", carol).then()
                .body("available", equalTo("50.00"))
                .body("pending", equalTo("0.00"))
                .body("total", equalTo("50.00"));

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertEquals("50.00", available(carol), "one second before the end of its lifetime it is still there");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("0.00", available(carol), "at the exact end of its lifetime it burns");

        List<String> kinds = shop().get("/v1/members/{id}/transactions", carol).then().extract().path("items.kind");
        assertEquals(List.of("EXPIRY", "ACTIVATION", "ADJUSTMENT"), kinds);
    }

    @Test
    void expiringSoonShowsWhatBurnsWithinTheWindowAndTheNearestDate() {
        String dave = newMember();
        adjust(dave, creditFor("12.34", 3)).then().statusCode(201);
        adjust(dave, creditFor("5.00", 6)).then().statusCode(201);
        adjust(dave, creditFor("100.00", 60)).then().statusCode(201);
        String nearest = shop().queryParam("kind", "ADJUSTMENT").queryParam("limit", "3")
                .get("/v1/members/{id}/transactions", dave).then().extract().path("items[2].expiresAt");
        shop().get("/v1/members/{id}/balance", dave).then()
                .body("available", equalTo("117.34"))
                .body("expiringSoon.amount", equalTo("17.34"))
                .body("expiringSoon.withinDays", equalTo(7))
                .body("expiringSoon.nextExpiryAt", equalTo(nearest));
        String eve = newMember();
        shop().get("/v1/members/{id}/balance", eve).then()
                .body("expiringSoon.amount", equalTo("0.00"))
                .body("expiringSoon.nextExpiryAt", nullValue());
    }
}
