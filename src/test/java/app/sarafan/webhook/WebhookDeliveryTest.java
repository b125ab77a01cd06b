package app.sarafan.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.security.StandardWebhooks;
import app.sarafan.support.ApiTest;
import app.sarafan.support.Database;
import app.sarafan.support.Eventually;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signed deliveries to a local receiver: retry then success, the delivery log, disabling after failures. */
@QuarkusTest
class WebhookDeliveryTest extends ApiTest {

    @Inject
    DomainEvents events;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    WebhookWorker worker;

    private final Receiver receiver = new Receiver();
    private String endpoint;

    @AfterEach
    void closeReceiver() {
        if (endpoint != null) {
            admin().delete("/v1/admin/webhooks/{id}", endpoint).then().statusCode(204);
        }
        receiver.close();
    }

    private String register(List<String> types) {
        var created = admin().body(Map.of("url", receiver.url(), "eventTypes", types,
                "description", "Shop backend")).post("/v1/admin/webhooks").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/admin/webhooks/"))
                .body("status", equalTo("ENABLED"))
                .body("secret", startsWith("whsec_"))
                .extract();
        endpoint = created.path("id");
        return created.path("secret");
    }

    private void publish(String externalId, DomainEventType type, Map<String, Object> payload) {
        QuarkusTransaction.requiringNew().run(() -> {
            long id = ((Number) em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                    .setParameter(1, externalId).getSingleResult()).longValue();
            events.publish(type, id, payload);
        });
    }

    private List<Receiver.Request> requestsFor(String externalId) {
        return receiver.requests().stream().filter(r -> r.body().contains(externalId)).toList();
    }


    @Test
    void aFailedDeliveryIsRetriedAndTheReceiverVerifiesTheSignature() throws Exception {
        String secret = register(List.of("BONUS_ACCRUED", "BONUS_EXPIRED"));
        receiver.answer(503);
        String member = newMember();
        publish(member, DomainEventType.BONUS_ACCRUED, Map.of("transactionId", "42", "amount", "500.00",
                "pending", false, "profile", "REGISTRATION", "reason", "Welcome bonus"));

        Eventually.until(() -> requestsFor(member).size() >= 2, Duration.ofSeconds(20));
        List<Receiver.Request> got = requestsFor(member);
        assertEquals(got.get(0).id(), got.get(1).id(), "a retry is the same message");
        for (Receiver.Request request : got) {
            assertEquals(StandardWebhooks.Verdict.VALID, StandardWebhooks.verify(secret, request.id(),
                    request.timestamp(), request.signature(), request.body(), Instant.now()));
            assertEquals(StandardWebhooks.Verdict.BAD_SIGNATURE, StandardWebhooks.verify(secret, request.id(),
                    request.timestamp(), request.signature(), request.body().replace("500.00", "900.00"),
                    Instant.now()), "a tampered body is refused");
        }
        assertTrue(got.get(0).body().contains("\"type\":\"BONUS_ACCRUED\""), got.get(0).body());
        assertTrue(got.get(0).body().contains("\"amount\":\"500.00\""), got.get(0).body());
        assertTrue(got.get(0).body().contains("\"member\":\"" + member + "\""), got.get(0).body());

        Eventually.until(() -> "DELIVERED".equals(admin().get("/v1/admin/webhooks/{id}/deliveries", endpoint)
                .then().extract().path("items.find { it.eventType == 'BONUS_ACCRUED' }.status")),
                Duration.ofSeconds(10));
        admin().get("/v1/admin/webhooks/{id}/deliveries", endpoint).then().statusCode(200)
                .body("items.find { it.eventType == 'BONUS_ACCRUED' }.attempts", equalTo(2))
                .body("items.find { it.eventType == 'BONUS_ACCRUED' }.lastStatusCode", equalTo(200));
        dueNowAndDrained();
        assertEquals(2, requestsFor(member).size(), "nothing is sent after it was delivered");
    }

    /**
     * Makes every delivery of the endpoint due at once and runs a worker pass here, so that whatever the worker would
     * still send is sent before the test looks, instead of waiting a while and hoping the schedule ran.
     */
    private void dueNowAndDrained() {
        new Database(dataSource).update("UPDATE webhook_delivery SET next_attempt_at = now() WHERE endpoint_id = "
                + Long.parseLong(endpoint));
        worker.drain();
    }

    /** A lot of {@code amount} that burns after a day; two days later {@code burn} settles the account. */
    private void anExpiryIsSent(String amount, java.util.function.Consumer<String> burn) throws Exception {
        register(List.of("BONUS_EXPIRED"));
        String member = newMember();
        adjust(member, Map.of("type", "CREDIT", "amount", amount, "reason", "test", "lifetimeDays", 1))
                .then().statusCode(201);
        clock.advance(Duration.ofDays(2));
        burn.accept(member);
        Eventually.until(() -> !requestsFor(member).isEmpty(), Duration.ofSeconds(20));
        String body = requestsFor(member).get(0).body();
        assertTrue(body.contains("\"type\":\"BONUS_EXPIRED\"") && body.contains("\"amount\":\"" + amount + "\""),
                body);
    }

    @Test
    void expiredBonusesAreSentToo() throws Exception {
        anExpiryIsSent("12.34", member -> admin().post("/v1/admin/jobs/expiry/runs").then().statusCode(200));
    }

    @Test
    void aBonusExpiredWhileTheBalanceIsReadIsSentLikeOneTheJobBurnt() throws Exception {
        anExpiryIsSent("7.77", member -> shop().get("/v1/members/{id}/balance", member).then().statusCode(200)
                .body("available", equalTo("0.00")));
    }

    @Test
    void aManualAdjustmentIsSentWithItsTypeAmountAndReason() throws Exception {
        register(List.of("BALANCE_ADJUSTED"));
        String member = newMember();
        adjust(member, Map.of("type", "DEBIT", "amount", "0.01", "reason", "nothing to take")).then().statusCode(409);
        String tx = adjust(member, Map.of("type", "CREDIT", "amount", "15.00", "reason", "Sorry for the delay",
                "delayDays", 2)).then().statusCode(201).extract().path("transaction.id");
        Eventually.until(() -> !requestsFor(member).isEmpty(), Duration.ofSeconds(20));
        String body = requestsFor(member).get(0).body();
        assertTrue(body.contains("\"type\":\"BALANCE_ADJUSTED\""), body);
        assertTrue(body.contains("\"transactionId\":\"" + tx + "\""), body);
        assertTrue(body.contains("\"amount\":\"15.00\"") && body.contains("\"reason\":\"Sorry for the delay\"")
                && body.contains("\"pending\":true") && body.contains("\"expiresAt\":null"), body);
        assertEquals(1, requestsFor(member).size(), "a refused debit publishes nothing");
    }

    @Test
    void aBurstOfFailuresDoesNotDisableAnEndpointThatRecovers() throws Exception {
        register(List.of("RANK_CHANGED"));
        receiver.alwaysAnswer(503);
        String member = newMember();
        for (int i = 0; i < 5; i++) {
            publish(member, DomainEventType.RANK_CHANGED, Map.of("from", "SILVER", "to", "GOLD" + i));
        }
        Eventually.until(() -> requestsFor(member).size() >= 5, Duration.ofSeconds(20));
        admin().get("/v1/admin/webhooks/{id}", endpoint).then().statusCode(200)
                .body("status", equalTo("ENABLED"))
                .body("consecutiveFailures", org.hamcrest.Matchers.greaterThanOrEqualTo(3));

        receiver.alwaysAnswer(204);
        Eventually.until(() -> admin().get("/v1/admin/webhooks/{id}/deliveries", endpoint).then().extract()
                .<List<String>>path("items.status").stream().allMatch("DELIVERED"::equals), Duration.ofSeconds(20));
        admin().get("/v1/admin/webhooks/{id}", endpoint).then().statusCode(200)
                .body("status", equalTo("ENABLED")).body("consecutiveFailures", equalTo(0));
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndCanBeEnabledAgain() throws Exception {
        register(List.of("RANK_CHANGED"));
        receiver.alwaysAnswer(500);
        String member = newMember();
        publish(member, DomainEventType.RANK_CHANGED, Map.of("from", "SILVER", "to", "GOLD"));

        Eventually.until(() -> "DISABLED".equals(admin().get("/v1/admin/webhooks/{id}", endpoint).then().extract()
                .path("status")), Duration.ofSeconds(30));
        admin().get("/v1/admin/webhooks/{id}", endpoint).then().statusCode(200)
                .body("consecutiveFailures", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                .body("disabledReason", org.hamcrest.Matchers.containsString("consecutive failed deliveries over"));
        admin().queryParam("entityType", "WEBHOOK").queryParam("entityId", endpoint).get("/v1/admin/audit-log")
                .then().statusCode(200)
                .body("items.find { it.action == 'WEBHOOK_DISABLED' }.actor", equalTo("system"));
        assertEquals("0", new Database(dataSource).value("""
                SELECT count(*) FROM notification
                WHERE member_id IS NULL AND payload::jsonb ->> 'endpointId' = '%s'""".formatted(endpoint)),
                "no operator address configured: no operator alert in the outbox");
        int sent = requestsFor(member).size();
        receiver.alwaysAnswer(204);
        dueNowAndDrained();
        assertEquals(sent, requestsFor(member).size(), "a disabled endpoint gets nothing, however due");

        admin().post("/v1/admin/webhooks/{id}/enable", endpoint).then().statusCode(200)
                .body("status", equalTo("ENABLED")).body("consecutiveFailures", equalTo(0));
        // The same drain now delivers: what it left alone before was the disabling, not the timing.
        dueNowAndDrained();
        assertEquals("DELIVERED", admin().get("/v1/admin/webhooks/{id}/deliveries", endpoint)
                .then().extract().path("items[0].status"));
    }

    @Test
    void onlyAdministratorsManageWebhooksAndBadInputNamesTheField() {
        admin().body(Map.of("url", "ftp://shop.example/hooks", "eventTypes", List.of("BONUS_ACCRUED")))
                .post("/v1/admin/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().body(Map.of("url", receiver.url(), "eventTypes", List.of("NOT_A_TYPE")))
                .post("/v1/admin/webhooks").then().statusCode(400);
        admin().body(Map.of("url", receiver.url(), "eventTypes", List.of()))
                .post("/v1/admin/webhooks").then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        admin().get("/v1/admin/webhooks/{id}", "999999999").then().statusCode(404);
        admin().get("/v1/admin/webhooks/{id}/deliveries", "nope").then().statusCode(404);
        admin().get("/v1/admin/webhooks").then().statusCode(200);
        shop().get("/v1/admin/webhooks").then().statusCode(403);
        RestAssured.given().get("/v1/admin/webhooks").then().statusCode(401);
    }
}
