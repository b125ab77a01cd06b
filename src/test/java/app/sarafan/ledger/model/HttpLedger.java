package app.sarafan.ledger.model;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.sarafan.ledger.LedgerInvariant;
import app.sarafan.redemption.ReservationSweep;
import app.sarafan.support.ApiTest;
import app.sarafan.support.ShopEvents;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The service as a {@link LedgerSubject}: one fresh member, every step through the public HTTP API (adjustments for
 * credits and spends, redemptions for holds, signed shop events for orders, the admin clock and jobs), except the
 * reservation sweep, which has no endpoint and is called as the scheduler calls it.
 */
final class HttpLedger implements LedgerSubject {

    /** A cart worth more than anything a sequence holds, so that only the balance limits a redemption. */
    private static final List<Map<String, Object>> CART = List.of(Map.of("sku", "MODEL-1", "category", "Model",
            "unitPrice", "1000000.00", "quantity", 1));

    private final String member;
    private final ReservationSweep sweep;
    private final LedgerInvariant invariant;

    HttpLedger(ReservationSweep sweep, LedgerInvariant invariant) {
        this.sweep = sweep;
        this.invariant = invariant;
        this.member = "model-" + UUID.randomUUID();
        shop().body(Map.of("externalId", member, "email", member + "@example.com")).post("/v1/members")
                .then().statusCode(201);
    }

    private static RequestSpecification shop() {
        return given().header("X-Api-Key", ApiTest.SHOP_KEY).contentType(ContentType.JSON);
    }

    private static RequestSpecification admin() {
        return given().header("X-Api-Key", ApiTest.ADMIN_KEY).contentType(ContentType.JSON);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static BigDecimal amount(Object text) {
        return new BigDecimal((String) text);
    }

    @Override
    public String credit(BigDecimal amount, int delayDays, int lifetimeDays) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "CREDIT", "amount", money(amount), "reason",
                "model credit"));
        if (delayDays > 0) {
            body.put("delayDays", delayDays);
        }
        if (lifetimeDays > 0) {
            body.put("lifetimeDays", lifetimeDays);
        }
        return admin().body(body).post("/v1/admin/members/{id}/adjustments", member).then().statusCode(201)
                .extract().path("transaction.id");
    }

    @Override
    public boolean spend(BigDecimal amount) {
        int status = admin().body(Map.of("type", "DEBIT", "amount", money(amount), "reason", "model spend"))
                .post("/v1/admin/members/{id}/adjustments", member).then().statusCode(org.hamcrest.Matchers.oneOf(201,
                        409)).extract().statusCode();
        return status == 201;
    }

    @Override
    public Optional<String> hold(BigDecimal amount) {
        Response answer = shop().body(Map.of("externalId", member, "orderId", "ord-" + UUID.randomUUID(), "amount",
                money(amount), "lines", CART)).post("/v1/redemptions");
        answer.then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        if (answer.statusCode() == 409) {
            String type = answer.path("type");
            if (!type.endsWith("/insufficient-balance")) {
                throw new AssertionError("a hold refused as " + type + ", not for want of balance");
            }
            return Optional.empty();
        }
        return Optional.of(answer.path("id"));
    }

    @Override
    public void confirm(String hold, BigDecimal captured) {
        shop().body(Map.of("amount", money(captured))).post("/v1/redemptions/{id}/confirm", hold).then()
                .statusCode(200);
    }

    @Override
    public void cancel(String hold) {
        shop().post("/v1/redemptions/{id}/cancel", hold).then().statusCode(200);
    }

    @Override
    public void sweep() {
        sweep.releaseTimedOut();
    }

    private String order(String orderId) {
        return member + "-" + orderId;
    }

    private JsonPath event(String type, String orderId, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "memberId", member));
        body.putAll(more);
        body.putIfAbsent("order", Map.of("id", order(orderId)));
        return ShopEvents.send(body).then().statusCode(200).extract().jsonPath();
    }

    @Override
    public Accrual orderPaid(String orderId, BigDecimal total) {
        List<Map<String, Object>> accruals = event("ORDER_PAID", orderId,
                Map.of("order", Map.of("id", order(orderId), "total", money(total)))).getList("accruals");
        if (accruals.size() != 1) {
            throw new AssertionError("one accrual expected (the model's cashback rule), not " + accruals);
        }
        return new Accrual(amount(accruals.get(0).get("amount")), "PENDING".equals(accruals.get(0).get("status")));
    }

    @Override
    public List<Reversed> orderCancelled(String orderId) {
        return reversals(event("ORDER_CANCELLED", orderId, Map.of()));
    }

    @Override
    public List<Reversed> orderRefunded(String orderId, BigDecimal amount) {
        return reversals(event("ORDER_REFUNDED", orderId, Map.of("refund", Map.of("amount", money(amount)))));
    }

    private static List<Reversed> reversals(JsonPath answer) {
        List<Map<String, Object>> reversals = answer.getList("reversals");
        return reversals.stream().map(r -> new Reversed((String) r.get("kind"), amount(r.get("amount")))).toList();
    }

    @Override
    public void advance(int hours) {
        admin().body(Map.of("by", "PT" + hours + "H")).post("/v1/admin/clock/advance").then().statusCode(200);
    }

    @Override
    public void runJob(String job) {
        admin().post("/v1/admin/jobs/{name}/runs", job).then().statusCode(200);
    }

    @Override
    public Parts parts() {
        JsonPath balance = shop().get("/v1/members/{id}/balance", member).then().statusCode(200).extract().jsonPath();
        return new Parts(amount(balance.get("available")), amount(balance.get("pending")),
                amount(balance.get("reserved")), amount(balance.get("total")));
    }

    @Override
    public List<String> violations() {
        return invariant.violations();
    }
}
