package app.sarafan.redemption;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RedemptionTest extends RedemptionTestSupport {

    @Inject
    ReservationSweep sweep;

    @Inject
    app.sarafan.ledger.Ledger ledger;

    @Inject
    Redemptions redemptions;

    private static final List<Map<String, Object>> TEN_THOUSAND = List.of(
            line("RUN-42", "Shoes", "7500.00", 1), line("SOCK-3", "Socks", "1250.00", 2));

    private static List<Map<String, Object>> kinds(String externalId, String kind) {
        return shop().queryParam("kind", kind).get("/v1/members/{id}/transactions", externalId).then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void applyingReservesTheBonusesAndSplitsThemAcrossTheLines() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String alice = newMember();
        credit(alice, "5000.00");
        String order = newOrder();
        apply(alice, order, null, TEN_THOUSAND).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/redemptions/"))
                .body("status", equalTo("RESERVED"))
                .body("orderId", equalTo(order))
                .body("amount", equalTo("2000.00"))
                .body("captured", equalTo("0.00"))
                .body("lines.discount", equalTo(List.of("1500.00", "500.00")));
        JsonPath balance = balance(alice);
        assertEquals("3000.00", balance.getString("available"));
        assertEquals("2000.00", balance.getString("reserved"));
        assertEquals("5000.00", balance.getString("total"));
    }

    @Test
    void applyingTwiceForOneOrderReservesOnce() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String bob = newMember();
        credit(bob, "5000.00");
        String order = newOrder();
        String id = apply(bob, order, "1000.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        apply(bob, order, "1000.00", TEN_THOUSAND).then().statusCode(200).body("id", equalTo(id));
        apply(bob, order, "900.00", TEN_THOUSAND).then().statusCode(409)
                .body("type", endsWith("/duplicate")).body("redemptionId", equalTo(id));
        String key = java.util.UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("externalId", bob, "orderId", newOrder(), "amount", "100.00",
                "lines", TEN_THOUSAND);
        String keyed = shop().header("Idempotency-Key", key).body(body).post("/v1/redemptions").then()
                .statusCode(201).extract().path("id");
        shop().header("Idempotency-Key", key).body(body).post("/v1/redemptions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(keyed));
        assertEquals("1100.00", balance(bob).getString("reserved"));
    }

    @Test
    void moreThanTheRuleOrTheBalanceAllowsIsRefused() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String carol = newMember();
        credit(carol, "500.00");
        apply(carol, newOrder(), "2000.01", TEN_THOUSAND).then().statusCode(409)
                .body("type", endsWith("/limit-reached")).body("maxApplicable", equalTo("500.00"));
        apply(carol, newOrder(), "600.00", TEN_THOUSAND).then().statusCode(409)
                .body("type", endsWith("/insufficient-balance")).body("available", equalTo("500.00"))
                .body("maxApplicable", equalTo("500.00"));
        apply(carol, newOrder(), "10.005", TEN_THOUSAND).then().statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        shop().body(Map.of("externalId", carol, "lines", TEN_THOUSAND)).post("/v1/redemptions").then()
                .statusCode(400).body("errors[0].field", equalTo("orderId"));
        apply("cust-nobody-" + java.util.UUID.randomUUID(), newOrder(), null, TEN_THOUSAND).then().statusCode(404);
        assertEquals("500.00", balance(carol).getString("available"));
    }

    @Test
    void orderPaidSpendsWhatTheShopAppliedAndReleasesTheRest() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String dave = newMember();
        credit(dave, "5000.00");
        String order = newOrder();
        String id = apply(dave, order, null, TEN_THOUSAND).then().statusCode(201).extract().path("id");
        orderPaid(dave, order, "10000.00", "1500.00");
        shop().get("/v1/redemptions/{id}", id).then().statusCode(200)
                .body("status", equalTo("CAPTURED"))
                .body("captured", equalTo("1500.00"))
                .body("lines.discount", equalTo(List.of("1125.00", "375.00")));
        JsonPath balance = balance(dave);
        assertEquals("3500.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
        assertEquals("-1500.00", kinds(dave, "REDEMPTION").get(0).get("amount"));
        assertEquals("500.00", kinds(dave, "RELEASE").get(0).get("availableChange"));
        // a second delivery of the event changes nothing
        orderPaid(dave, order, "10000.00", "1500.00");
        assertEquals("3500.00", balance(dave).getString("available"));
    }

    @Test
    void aConfirmationWhoseBodyIsJsonNullIsRefusedAndTheHoldStays() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String fay = newMember();
        credit(fay, "5000.00");
        String id = apply(fay, newOrder(), "800.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        shop().contentType("application/json").body("null").post("/v1/redemptions/{id}/confirm", id).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/malformed-request"))
                .body("detail", equalTo("The body must be a JSON object, not null or blank"));
        shop().get("/v1/redemptions/{id}", id).then().statusCode(200).body("status", equalTo("RESERVED"));
        assertEquals("800.00", balance(fay).getString("reserved"));
        shop().contentType("application/json").body(" \n").post("/v1/redemptions/{id}/confirm", id).then()
                .statusCode(400).body("type", endsWith("/malformed-request"));
        // no body at all is still "confirm what was held"
        shop().post("/v1/redemptions/{id}/confirm", id).then().statusCode(200).body("captured", equalTo("800.00"));
    }

    @Test
    void theShopConfirmsOrCancelsExplicitlyAndWrongStatesAreRefused() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String eve = newMember();
        credit(eve, "5000.00");
        String paidId = apply(eve, newOrder(), "800.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        shop().body(Map.of("amount", "800.01")).post("/v1/redemptions/{id}/confirm", paidId).then().statusCode(409)
                .body("type", endsWith("/bonuses-not-reserved")).body("reserved", equalTo("800.00"));
        shop().get("/v1/redemptions/{id}", paidId).then().body("status", equalTo("RESERVED"));
        shop().body(Map.of("amount", "700.00")).post("/v1/redemptions/{id}/confirm", paidId).then().statusCode(200)
                .body("status", equalTo("CAPTURED")).body("captured", equalTo("700.00"));
        shop().post("/v1/redemptions/{id}/cancel", paidId).then().statusCode(409)
                .body("type", endsWith("/wrong-state"));
        String cancelledId = apply(eve, newOrder(), "300.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        shop().post("/v1/redemptions/{id}/cancel", cancelledId).then().statusCode(200)
                .body("status", equalTo("RELEASED")).body("releaseReason", equalTo("CANCELLED"));
        shop().post("/v1/redemptions/{id}/confirm", cancelledId).then().statusCode(409)
                .body("type", endsWith("/wrong-state"));
        shop().post("/v1/redemptions/{id}/confirm", "999999999").then().statusCode(404);
        shop().get("/v1/redemptions/{id}", "nope").then().statusCode(404);
        member(eve).post("/v1/redemptions/{id}/cancel", paidId).then().statusCode(403);
        admin().post("/v1/redemptions/{id}/cancel", paidId).then().statusCode(403);
        admin().get("/v1/redemptions/{id}", paidId).then().statusCode(200);
        assertEquals("4300.00", balance(eve).getString("available"));
        assertEquals("0.00", balance(eve).getString("reserved"));
    }

    @Test
    void aReservationThatTimesOutIsReleasedByTheSweep() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String frank = newMember();
        credit(frank, "1000.00");
        String id = apply(frank, newOrder(), "400.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofHours(23));
        sweep.releaseTimedOut();
        shop().get("/v1/redemptions/{id}", id).then().body("status", equalTo("RESERVED"));
        clock.advance(Duration.ofHours(2));
        sweep.releaseTimedOut();
        shop().get("/v1/redemptions/{id}", id).then().statusCode(200)
                .body("status", equalTo("RELEASED")).body("releaseReason", equalTo("TIMED_OUT"));
        JsonPath balance = balance(frank);
        assertEquals("1000.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
    }

    @Test
    void cancellingAnOrderReleasesItsReservationOrReturnsWhatWasSpent() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String grace = newMember();
        adjust(grace, Map.of("type", "CREDIT", "amount", "600.00", "reason", "soon", "lifetimeDays", 10))
                .then().statusCode(201);
        adjust(grace, Map.of("type", "CREDIT", "amount", "1000.00", "reason", "later", "lifetimeDays", 60))
                .then().statusCode(201);
        String reserved = newOrder();
        String reservedId = apply(grace, reserved, "100.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        orderCancelled(grace, reserved);
        shop().get("/v1/redemptions/{id}", reservedId).then()
                .body("status", equalTo("RELEASED")).body("releaseReason", equalTo("ORDER_CANCELLED"));

        String spent = newOrder();
        String spentId = apply(grace, spent, "800.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        orderPaid(grace, spent, "10000.00", "800.00");
        assertEquals("800.00", balance(grace).getString("available"));
        orderCancelled(grace, spent);
        shop().get("/v1/redemptions/{id}", spentId).then()
                .body("status", equalTo("CAPTURED")).body("returned", equalTo("800.00"));
        assertEquals("1600.00", balance(grace).getString("available"));
        // the soonest-expiring lot was spent first and comes back with its own expiry
        List<Map<String, Object>> credits = kinds(grace, "ADJUSTMENT");
        Object soonExpiry = credits.get(credits.size() - 1).get("expiresAt");
        Object laterExpiry = credits.get(0).get("expiresAt");
        List<Map<String, Object>> returns = kinds(grace, "RETURN");
        assertEquals(List.of("600.00", "200.00"), returns.stream().map(r -> r.get("amount")).toList());
        assertEquals(List.of(soonExpiry, laterExpiry), returns.stream().map(r -> r.get("expiresAt")).toList());
    }

    @Test
    void returnedBonusesWhoseExpiryPassedGetTheGraceLifetime() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String heidi = newMember();
        adjust(heidi, Map.of("type", "CREDIT", "amount", "500.00", "reason", "short", "lifetimeDays", 10))
                .then().statusCode(201);
        String order = newOrder();
        apply(heidi, order, "300.00", TEN_THOUSAND).then().statusCode(201);
        orderPaid(heidi, order, "10000.00", "300.00");
        clock.advance(Duration.ofDays(11));
        Instant now = clock.now();
        orderCancelled(heidi, order);
        Map<String, Object> returned = kinds(heidi, "RETURN").get(0);
        assertEquals("300.00", returned.get("amount"));
        Instant expiresAt = Instant.parse((String) returned.get("expiresAt"));
        assertEquals(0, Duration.between(now.plus(Duration.ofDays(30)), expiresAt).toMinutes());
        assertEquals("300.00", balance(heidi).getString("available"));
    }

    @Test
    void partialRefundsReturnTheirShareWithoutDrift() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String ivan = newMember();
        credit(ivan, "5000.00");
        String order = newOrder();
        String id = apply(ivan, order, "1000.00", TEN_THOUSAND).then().statusCode(201).extract().path("id");
        orderPaid(ivan, order, "10000.00", "1000.00");
        orderRefunded(ivan, order, new BigDecimal("1").divide(new BigDecimal("3"), 10, java.math.RoundingMode.DOWN));
        shop().get("/v1/redemptions/{id}", id).then().body("returned", equalTo("333.33"));
        orderRefunded(ivan, order, new BigDecimal("0.6666666667"));
        shop().get("/v1/redemptions/{id}", id).then().body("returned", equalTo("666.67"));
        orderRefunded(ivan, order, BigDecimal.ONE);
        shop().get("/v1/redemptions/{id}", id).then().body("returned", equalTo("1000.00"));
        orderRefunded(ivan, order, BigDecimal.ONE);
        assertEquals("5000.00", balance(ivan).getString("available"));
    }

    @Test
    void reservedBonusesDoNotBurnUntilTheyAreReleased() {
        payWithBonuses(Map.of("maxPercent", "100.00"));
        String judy = newMember();
        adjust(judy, Map.of("type", "CREDIT", "amount", "100.00", "reason", "short", "lifetimeDays", 1))
                .then().statusCode(201);
        credit(judy, "50.00");
        String id = apply(judy, newOrder(), "120.00", List.of(line("A", "Shoes", "500.00", 1))).then()
                .statusCode(201).extract().path("id");
        clock.advance(Duration.ofDays(2));
        JsonPath balance = balance(judy);
        assertEquals("30.00", balance.getString("available"));
        assertEquals("120.00", balance.getString("reserved"));
        shop().post("/v1/redemptions/{id}/cancel", id).then().statusCode(200);
        balance = balance(judy);
        assertEquals("50.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
        assertEquals("-100.00", kinds(judy, "EXPIRY").get(0).get("amount"));
    }

    @Test
    void racingReservationsNeverOverdrawOneBalance() throws Exception {
        payWithBonuses(Map.of("maxPercent", "100.00"));
        String kate = newMember();
        credit(kate, "100.00");
        Map<Integer, Integer> statuses = app.sarafan.support.Race.answers(10,
                () -> apply(kate, newOrder(), "30.00", List.of(line("A", "Shoes", "100.00", 1))).statusCode());
        assertEquals(Map.of(201, 3, 409, 7), statuses);
        JsonPath balance = balance(kate);
        assertEquals("10.00", balance.getString("available"));
        assertEquals("90.00", balance.getString("reserved"));
    }

    @Test
    void aReversalWhileBonusesAreReservedLeavesTheReservationWhole() {
        payWithBonuses(Map.of("maxPercent", "100.00"));
        String leo = newMember();
        long leoId = memberId(leo);
        var cashback = ledger.credit(leoId, new app.sarafan.ledger.Ledger.Credit(
                app.sarafan.ledger.TransactionKind.ACCRUAL, new BigDecimal("100.00"),
                new app.sarafan.ledger.Source(app.sarafan.ledger.SourceType.ORDER, "ord-cashback", "shop"),
                "Cashback", null, null));
        credit(leo, "20.00");
        String id = apply(leo, newOrder(), "110.00", List.of(line("A", "Shoes", "500.00", 1))).then()
                .statusCode(201).extract().path("id");
        ledger.reverse(leoId, new app.sarafan.ledger.Ledger.Reversal(Long.parseLong(cashback.id()),
                new BigDecimal("100.00"), new app.sarafan.ledger.Source(app.sarafan.ledger.SourceType.ORDER,
                "ord-cashback", "shop"), "Order cancelled"));
        JsonPath balance = balance(leo);
        assertEquals("-90.00", balance.getString("available"));
        assertEquals("110.00", balance.getString("reserved"));
        shop().post("/v1/redemptions/{id}/cancel", id).then().statusCode(200);
        balance = balance(leo);
        assertEquals("20.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
    }

    @Test
    void twoSweepsAtOnceReleaseEveryReservationOnce() throws Exception {
        payWithBonuses(Map.of("maxPercent", "100.00"));
        String mia = newMember();
        credit(mia, "600.00");
        for (int i = 0; i < 6; i++) {
            apply(mia, newOrder(), "100.00", List.of(line("A", "Shoes", "100.00", 1))).then().statusCode(201);
        }
        clock.advance(Duration.ofHours(25));
        Map<Integer, Integer> runs = app.sarafan.support.Race.answers(2, () -> {
            int released = 0;
            int chunk;
            do {
                chunk = redemptions.releaseTimedOut(2);
                released += chunk;
            } while (chunk > 0);
            return released;
        });
        int released = runs.entrySet().stream().mapToInt(e -> e.getKey() * e.getValue()).sum();
        org.junit.jupiter.api.Assertions.assertTrue(released >= 6, "released " + released);
        assertEquals(6, kinds(mia, "RELEASE").size());
        JsonPath balance = balance(mia);
        assertEquals("600.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
    }
}
