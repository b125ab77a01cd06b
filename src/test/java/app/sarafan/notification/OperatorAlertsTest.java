package app.sarafan.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.event.EarningTest;
import app.sarafan.support.Database;
import app.sarafan.support.Eventually;
import app.sarafan.support.ReservedPorts;
import app.sarafan.support.ShopEvents;
import app.sarafan.webhook.WebhookWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an operator address configured, an endpoint disabled for failing and a campaign budget reaching 80 % and
 * 100 % each send the operator one email through the outbox (a real SMTP server, GreenMail). Without an address
 * (the shared test profile) nothing is written: WebhookDeliveryTest and CampaignBudgetTest check that.
 */
@QuarkusTest
@TestProfile(OperatorAlertsTest.OperatorAddress.class)
@WithTestResource(value = MailPort.class, scope = TestResourceScope.GLOBAL)
class OperatorAlertsTest extends EarningTest {

    static final String OPERATOR = "ops@shop.example";

    /** The shared test configuration plus an operator address. */
    public static class OperatorAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sarafan.notifications.operator-email", OPERATOR);
        }
    }

    @Inject
    DomainEvents events;

    @Inject
    EntityManager em;

    @Inject
    MailWorker mail;

    @Inject
    WebhookWorker webhooks;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void smtpUp() {
        MailServer.up();
    }


    /** The operator's emails whose subject contains {@code text}. */
    private static List<Message> operatorMail(String text) {
        return MailServer.to(OPERATOR).stream().filter(m -> subject(m).contains(text)).toList();
    }

    private static String subject(Message m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(Message m) {
        try {
            return MailServer.text(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox rows of one operator alert kind whose payload has {@code key} = {@code value}. */
    private List<String> outbox(OperatorAlertKind kind, String key, String value) {
        return new Database(dataSource).column("""
                SELECT coalesce(member_id::text, '-') || ' ' || recipient || ' ' || status FROM notification
                WHERE kind = '%s' AND payload::jsonb ->> '%s' = '%s' ORDER BY id""".formatted(kind, key, value));
    }

    @Test
    void anEndpointDisabledForFailingIsMailedToTheOperatorOnceWithItsUrl() throws Exception {
        // nothing listens there: every delivery fails at once (connection refused)
        String url = "http://127.0.0.1:" + ReservedPorts.free() + "/hooks/" + UUID.randomUUID();
        String endpoint = admin().body(Map.of("url", url, "eventTypes", List.of("RANK_CHANGED"),
                "description", "Shop backend")).post("/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        String member = newMember();
        QuarkusTransaction.requiringNew().run(() -> events.publish(DomainEventType.RANK_CHANGED,
                ((Number) em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1").setParameter(1, member)
                        .getSingleResult()).longValue(), Map.of("from", "SILVER", "to", "GOLD")));

        // the test profile disables after 3 failures over 5 s; retries come after 1 s, then 2 s
        Eventually.until(() -> {
            webhooks.drain();
            return "DISABLED".equals(admin().get("/v1/admin/webhooks/{id}", endpoint).then().statusCode(200)
                    .extract().path("status"));
        }, Duration.ofSeconds(30));
        Eventually.until(() -> {
            mail.drain();
            return !operatorMail(url).isEmpty();
        }, Duration.ofSeconds(20));
        mail.drain();

        List<Message> got = operatorMail(url);
        assertEquals(1, got.size(), "one email per disabling");
        Message message = got.get(0);
        assertEquals(OPERATOR, message.getAllRecipients()[0].toString());
        assertEquals("Sarafan disabled the webhook endpoint " + url, message.getSubject());
        String text = body(message);
        assertTrue(text.contains("(endpoint " + endpoint + ", \"Shop backend\")"), text);
        assertTrue(text.contains("failed attempts in a row"), text);
        assertTrue(text.contains("could not connect"), text);
        assertTrue(text.contains("POST /v1/admin/webhooks/" + endpoint + "/enable"), text);
        assertEquals(List.of("- " + OPERATOR + " SENT"), outbox(OperatorAlertKind.WEBHOOK_DISABLED, "endpointId",
                endpoint));
        admin().delete("/v1/admin/webhooks/{id}", endpoint).then().statusCode(204);
    }

    @Test
    void aCampaignBudgetReachingEightyAndOneHundredPercentSendsExactlyTwoEmails() throws Exception {
        String name = "Budget alert " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> definition = new HashMap<>(Map.of("name", name, "profile", "NEWSLETTER_SUBSCRIBED",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "10.00"))));
        definition.put("budget", Map.of("grants", 5, "period", "MONTH"));
        String rule = rule(definition);
        for (int i = 0; i < 5; i++) {
            ShopEvents.send(event("NEWSLETTER_SUBSCRIBED", newMember())).then().statusCode(200)
                    .body("accruals", hasSize(1));
        }
        // used up: refused, and 100 % is not announced twice
        ShopEvents.send(event("NEWSLETTER_SUBSCRIBED", newMember())).then().statusCode(200)
                .body("accruals", hasSize(0)).body("skipped", hasSize(1));
        admin().get("/v1/admin/rules/{id}/budget", rule).then().statusCode(200).body("percentUsed", equalTo(100));

        Eventually.until(() -> {
            mail.drain();
            return operatorMail(name).size() >= 2;
        }, Duration.ofSeconds(20));
        mail.drain();

        List<Message> got = operatorMail(name);
        assertEquals(List.of("Rule \"" + name + "\" has used 80 % of its campaign budget",
                "The campaign budget of rule \"" + name + "\" is used up"),
                got.stream().map(OperatorAlertsTest::subject).sorted().toList());
        String full = body(got.stream().filter(m -> subject(m).endsWith("used up")).findFirst().orElseThrow());
        assertTrue(full.contains("Grants: 5 of 5."), full);
        assertTrue(full.contains("for the month from "), full);
        assertTrue(full.contains("GET /v1/admin/rules/" + rule + "/budget"), full);
        String warning = body(got.stream().filter(m -> subject(m).contains("80 %")).findFirst().orElseThrow());
        assertTrue(warning.contains("Grants: 4 of 5."), warning);
        assertEquals(List.of("- " + OPERATOR + " SENT", "- " + OPERATOR + " SENT"),
                outbox(OperatorAlertKind.RULE_BUDGET_THRESHOLD, "ruleId", rule));
    }
}
