package app.sarafan.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import app.sarafan.common.security.StandardWebhooks;
import app.sarafan.support.ShopEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How events are delivered: signed, once per id, dry runs, and refusals of what is wrong. */
@QuarkusTest
class EventDeliveryTest extends EarningTest {

    @BeforeEach
    void cashback() {
        rule(Map.of("name", "Cashback 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
    }

    private static String body(String member, String orderId) {
        return ShopEvents.Json.write(event("ORDER_PAID", member, "order", order(orderId, "200.00")));
    }

    @Test
    void aRetriedEventGetsTheFirstResultAndChangesNothing() {
        String member = newMember();
        String id = ShopEvents.newId();
        String first = ShopEvents.signed(id, body(member, "o-" + id)).post("/v1/events").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("accruals[0].amount", equalTo("10.00")).extract().asString();
        String again = ShopEvents.signed(id, body(member, "o-" + id)).post("/v1/events").then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).extract().asString();
        assertEquals(first, again);
        assertEquals("10.00", available(member));
    }

    @Test
    void anAppliedEventLeavesNoConnectionOpenForThePoolToCloseAtCommit() {
        // The pool closes a connection still open at commit itself, with a warning: one per event, if the domain
        // events written at commit reopened the session's connection.
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger pool = Logger.getLogger("io.agroal.pool");
        pool.addHandler(capture);
        try {
            String member = newMember();
            String id = ShopEvents.newId();
            ShopEvents.signed(id, body(member, "o-" + id)).post("/v1/events").then().statusCode(200)
                    .body("accruals[0].amount", equalTo("10.00"));
            assertEquals("10.00", available(member));
        } finally {
            pool.removeHandler(capture);
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEventIdReusedForAnotherEventIsRefused() {
        String member = newMember();
        String id = ShopEvents.newId();
        ShopEvents.signed(id, body(member, "o1-" + id)).post("/v1/events").then().statusCode(200);
        ShopEvents.signed(id, body(member, "o2-" + id)).post("/v1/events").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("idempotency-key-reused"));
        assertEquals("10.00", available(member));
    }

    private static org.hamcrest.Matcher<String> endsWith(String suffix) {
        return org.hamcrest.Matchers.endsWith(suffix);
    }

    @Test
    void theSameEventDeliveredEightTimesAtOnceIsAppliedOnce() throws Exception {
        String member = newMember();
        String id = ShopEvents.newId();
        String body = body(member, "o-" + id);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> ShopEvents.signed(id, body).post("/v1/events").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals("10.00", available(member));
        shop().get("/v1/members/{id}/transactions", member).then().body("items", hasSize(1));
    }

    @Test
    void aDryRunAnswersWhatWouldBeAccruedAndWritesNothing() {
        String member = newMember();
        String id = ShopEvents.newId();
        ShopEvents.dryRun(id, event("ORDER_PAID", member, "order", order("o-" + id, "200.00"))).then()
                .statusCode(200).body("dryRun", equalTo(true))
                .body("accruals[0].amount", equalTo("10.00"))
                .body("accruals[0].memberId", equalTo(member))
                .body("accruals[0].transactionId", nullValue());
        assertEquals("0.00", available(member));
        shop().get("/v1/members/{id}/transactions", member).then().body("items", hasSize(0));
        // The id was not used up: the real delivery applies the event.
        ShopEvents.send(id, event("ORDER_PAID", member, "order", order("o-" + id, "200.00"))).then()
                .statusCode(200).body("dryRun", equalTo(false)).header("Idempotent-Replayed", nullValue());
        assertEquals("10.00", available(member));
    }

    @Test
    void aBadSignatureIsUnauthorizedAndChangesNothing() {
        String member = newMember();
        String id = ShopEvents.newId();
        String body = body(member, "o-" + id);
        long now = Instant.now().getEpochSecond();
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", StandardWebhooks.sign("whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=",
                        id, now, body))
                .body(body).post("/v1/events").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("webhook-signature"));
        // A body changed after signing fails the same way.
        String signature = StandardWebhooks.sign(ShopEvents.SECRET, id, now, body);
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(now)).header("webhook-signature", signature)
                .body(body.replace("200.00", "20000.00")).post("/v1/events").then().statusCode(401);
        assertEquals("0.00", available(member));
    }

    @Test
    void aStaleSignatureIsARefusedReplay() {
        String member = newMember();
        String id = ShopEvents.newId();
        String body = body(member, "o-" + id);
        long sixMinutesAgo = Instant.now().getEpochSecond() - 360;
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(sixMinutesAgo))
                .header("webhook-signature", StandardWebhooks.sign(ShopEvents.SECRET, id, sixMinutesAgo, body))
                .body(body).post("/v1/events").then().statusCode(401)
                .body("detail", containsString("5 minutes"));
        assertEquals("0.00", available(member));
    }

    @Test
    void anUnsignedEventIsUnauthorized() {
        String member = newMember();
        shop().body(body(member, "o-unsigned")).post("/v1/events").then().statusCode(401)
                .body("detail", containsString("webhook-id"));
    }

    @Test
    void onlyShopBackendsSendEvents() {
        String member = newMember();
        String id = ShopEvents.newId();
        String body = body(member, "o-" + id);
        long now = Instant.now().getEpochSecond();
        String signature = StandardWebhooks.sign(ShopEvents.SECRET, id, now, body);
        given().contentType(ContentType.JSON).header("webhook-id", id).header("webhook-timestamp", now)
                .header("webhook-signature", signature).body(body).post("/v1/events").then().statusCode(401);
        given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", now).header("webhook-signature", signature).body(body)
                .post("/v1/events").then().statusCode(403);
        member(member).contentType(ContentType.JSON).header("webhook-id", id).header("webhook-timestamp", now)
                .header("webhook-signature", signature).body(body).post("/v1/events").then().statusCode(403);
        assertEquals("0.00", available(member));
    }

    @Test
    void anEventWithoutItsOrderNamesTheMissingPart() {
        String member = newMember();
        ShopEvents.send(event("ORDER_PAID", member)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("order"));
    }

    @Test
    void badLinesAreNamedByTheirPath() {
        String member = newMember();
        ShopEvents.send(event("ORDER_PAID", member, "order", order("o-bad", "100.00",
                line("A", "shoes", "10.00", 1), Map.of("sku", "B", "price", "-1.00", "quantity", 0)))).then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("order.lines[1].price",
                        "order.lines[1].quantity"));
        ShopEvents.send(event("ORDER_PAID", member, "order", order("o-bad", "100.005"))).then().statusCode(400)
                .body("errors[0].field", equalTo("order.total"));
        ShopEvents.send(event("ORDER_SHIPPED", member, "order", order("o-bad", "100.00"))).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        ShopEvents.send(event("ORDER_PAID", member, "order", order("o-bad", "100.00"))).then().statusCode(200);
    }

    @Test
    void anEventForAnUnknownMemberIs404AndCanBeRetriedOnceTheMemberExists() {
        String member = "cust-unknown-" + java.util.UUID.randomUUID();
        String id = ShopEvents.newId();
        ShopEvents.send(id, event("ORDER_PAID", member, "order", order("o-" + id, "200.00"))).then()
                .statusCode(404).contentType("application/problem+json");
        shop().body(Map.of("externalId", member, "email", "x@example.com")).post("/v1/members").then()
                .statusCode(201);
        ShopEvents.send(id, event("ORDER_PAID", member, "order", order("o-" + id, "200.00"))).then()
                .statusCode(200).body("accruals[0].amount", equalTo("10.00"));
    }

    @Test
    void aDryRunFlagMustBeTrueOrFalse() {
        String member = newMember();
        ShopEvents.signed(ShopEvents.newId(), body(member, "o-flag")).queryParam("dryRun", "maybe")
                .post("/v1/events").then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void aSignedBodyThatIsNotJsonIsRefusedAndLeavesNoEvent() {
        String id = ShopEvents.newId();
        ShopEvents.signed(id, "{\"type\": \"ORDER_PAID\", ").post("/v1/events").then().statusCode(400)
                .contentType("application/problem+json");
        // Nothing was recorded under the id: the shop's corrected retry is applied.
        String member = newMember();
        ShopEvents.signed(id, body(member, "o-" + id)).post("/v1/events").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue());
    }
}
