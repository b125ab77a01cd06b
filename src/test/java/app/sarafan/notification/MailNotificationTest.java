package app.sarafan.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.support.ApiTest;
import app.sarafan.support.Eventually;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Emails through a real SMTP server (GreenMail): recipients, subjects and amounts, languages, opt-out, outage. */
@QuarkusTest
@WithTestResource(value = MailPort.class, scope = TestResourceScope.GLOBAL)
class MailNotificationTest extends ApiTest {

    @Inject
    DomainEvents events;

    @Inject
    EntityManager em;

    @Inject
    MailWorker worker;

    @BeforeEach
    void smtpUp() {
        MailServer.up();
    }

    private static String mailMember(String locale) {
        String externalId = "mail-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "name", "Anna",
                "locale", locale, "timeZone", "Europe/Moscow")).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    private void publish(String externalId, DomainEventType type, Map<String, Object> payload) {
        QuarkusTransaction.requiringNew().run(() -> {
            long id = ((Number) em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                    .setParameter(1, externalId).getSingleResult()).longValue();
            events.publish(type, id, payload);
        });
    }

    private static Map<String, Object> accrued(String amount) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("transactionId", "1");
        payload.put("amount", amount);
        payload.put("pending", false);
        payload.put("availableFrom", "2026-11-25T13:00:00Z");
        payload.put("expiresAt", "2026-12-25T13:00:00Z");
        payload.put("profile", "ORDER_PAID");
        payload.put("reason", "Cashback for order 58213");
        return payload;
    }

    private static List<Message> await(String externalId, int count) {
        Eventually.until(() -> MailServer.to(externalId).size() >= count, Duration.ofSeconds(20));
        return MailServer.to(externalId);
    }


    private static String body(Message message) throws Exception {
        return MailServer.text(message);
    }

    @Test
    void accruedBonusesAreAnnouncedInTheMembersLanguage() throws Exception {
        String english = mailMember("en");
        String russian = mailMember("ru-RU");
        publish(english, DomainEventType.BONUS_ACCRUED, accrued("500.00"));
        publish(russian, DomainEventType.BONUS_ACCRUED, accrued("1250.00"));

        Message en = await(english, 1).get(0);
        assertEquals(english + "@example.com", en.getAllRecipients()[0].toString());
        assertEquals("You received 500.00 bonuses", en.getSubject());
        assertTrue(body(en).contains("They burn on 2026-12-25"), body(en));
        Message ru = await(russian, 1).get(0);
        assertEquals("Вам начислено 1250.00 бонусов", ru.getSubject());
        assertTrue(body(ru).contains("Cashback for order 58213"), body(ru));
    }

    @Test
    void everyKindHasItsEmail() throws Exception {
        String member = mailMember("en");
        publish(member, DomainEventType.BONUS_REDEEMED, Map.of("amount", "2000.00", "orderId", "58213",
                "redemptionId", "r1"));
        publish(member, DomainEventType.REFERRAL_REGISTERED, Map.of("referrer", member, "via", "LINK"));
        publish(member, DomainEventType.REFERRAL_PURCHASED, Map.of("referral", "cust-2", "orderId", "77",
                "amount", "1000.00", "first", true));
        publish(member, DomainEventType.WITHDRAWAL_STATUS_CHANGED, Map.of("withdrawalId", "w1",
                "status", "APPROVED", "amount", "300.00"));
        publish(member, DomainEventType.RANK_CHANGED, Map.of("from", "SILVER", "to", "GOLD"));
        Map<String, Object> birthday = accrued("1000.00");
        birthday.put("profile", "BIRTHDAY");
        publish(member, DomainEventType.BONUS_ACCRUED, birthday);
        publish(member, DomainEventType.REFERRAL_BOUND, Map.of("referrer", "x", "via", "LINK", "flagged", false));

        List<String> subjects = await(member, 6).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertEquals(List.of("A friend joined through your invitation", "Happy birthday! 1000.00 bonuses for you",
                "You spent 2000.00 bonuses", "Your rank is now GOLD", "Your referral made a purchase of 1000.00",
                "Your withdrawal of 300.00: approved"), subjects);
    }

    @Test
    void membersOptOutPerKind() throws Exception {
        String member = mailMember("en");
        member(member).get("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.kind", hasItem("EXPIRY_WARNING"))
                .body("preferences.find { it.kind == 'BONUS_ACCRUED' }.enabled", equalTo(true));
        member(member).contentType("application/json")
                .body(Map.of("preferences", List.of(Map.of("kind", "BONUS_ACCRUED", "enabled", false))))
                .put("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'BONUS_ACCRUED' }.enabled", equalTo(false))
                .body("preferences.find { it.kind == 'RANK_CHANGED' }.enabled", equalTo(true));
        member(member).contentType("application/json")
                .body(Map.of("preferences", List.of(Map.of("kind", "NOPE", "enabled", false))))
                .put("/v1/me/notification-preferences").then().statusCode(400);
        io.restassured.RestAssured.given().get("/v1/me/notification-preferences").then().statusCode(401);

        publish(member, DomainEventType.BONUS_ACCRUED, accrued("10.00"));
        publish(member, DomainEventType.RANK_CHANGED, Map.of("from", "SILVER", "to", "GOLD"));
        assertEquals("Your rank is now GOLD", await(member, 1).get(0).getSubject());
        Eventually.until(() -> status(member, "BONUS_ACCRUED").equals("SKIPPED"), Duration.ofSeconds(10));
        assertEquals(1, MailServer.to(member).size());
    }

    @Test
    void manualAdjustmentsAreEmailedInTheMembersLanguageUnlessTurnedOff() throws Exception {
        String english = mailMember("en");
        String russian = mailMember("ru");
        adjust(english, Map.of("type", "CREDIT", "amount", "25.50", "reason", "Sorry for the delay",
                "lifetimeDays", 30)).then().statusCode(201);
        Message credited = await(english, 1).get(0);
        assertEquals("You received 25.50 bonuses", credited.getSubject());
        assertTrue(body(credited).contains("credited to your account by our team (Sorry for the delay)"),
                body(credited));
        assertTrue(body(credited).contains("They burn on "), body(credited));
        adjust(russian, Map.of("type", "CREDIT", "amount", "10.00", "reason", "подарок")).then().statusCode(201);
        adjust(russian, Map.of("type", "DEBIT", "amount", "4.00", "reason", "ошибка начисления"))
                .then().statusCode(201);
        List<String> subjects = await(russian, 2).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertEquals(List.of("Вам начислено 10.00 бонусов", "С вашего счёта списано 4.00 бонуса"), subjects);

        member(english).contentType("application/json")
                .body(Map.of("preferences", List.of(Map.of("kind", "BALANCE_ADJUSTED", "enabled", false))))
                .put("/v1/me/notification-preferences").then().statusCode(200);
        adjust(english, Map.of("type", "DEBIT", "amount", "5.50", "reason", "correction")).then().statusCode(201);
        Eventually.until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id WHERE m.external_id = ?1"
                        + " AND n.kind = 'BALANCE_ADJUSTED' AND n.status = 'SKIPPED'").setParameter(1, english)
                .getSingleResult()).longValue() == 1), Duration.ofSeconds(10));
        assertEquals(1, MailServer.to(english).size(), "the member turned adjustment emails off");
    }

    private String status(String externalId, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT n.status FROM notification n JOIN member m ON m.id = n.member_id"
                        + " WHERE m.external_id = ?1 AND n.kind = ?2").setParameter(1, externalId)
                .setParameter(2, kind).getSingleResult());
    }

    @Test
    void mailWrittenWhileSmtpIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
        String member = mailMember("en");
        MailServer.down();
        credit(member, "15.00");
        for (int i = 1; i <= 3; i++) {
            publish(member, DomainEventType.BONUS_ACCRUED, accrued(i + ".00"));
        }
        Eventually.until(() -> failedAttempts(member) >= 3, Duration.ofSeconds(15));
        assertEquals("15.00", available(member), "the business operation is not touched by the outage");

        MailServer.up();
        Thread[] extraInstances = new Thread[3];
        for (int i = 0; i < extraInstances.length; i++) {
            extraInstances[i] = Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 30; round++) {
                    worker.drain();
                }
            });
        }
        for (Thread t : extraInstances) {
            t.join();
        }
        // The three accruals and the adjustment that credited the 15.00.
        List<Message> delivered = await(member, 4);
        // Whatever is left in the outbox is made due and sent now: a message sent twice would arrive here.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE notification SET next_attempt_at"
                + " = now() WHERE member_id = (SELECT id FROM member WHERE external_id = ?1)").setParameter(1, member)
                .executeUpdate());
        worker.drain();
        assertEquals(4, MailServer.to(member).size(), "each message once");
        assertEquals(List.of("You received 1.00 bonus", "You received 15.00 bonuses", "You received 2.00 bonuses",
                "You received 3.00 bonuses"),
                delivered.stream().map(m -> {
                    try {
                        return m.getSubject();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).sorted().toList());
    }

    private long failedAttempts(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT coalesce(sum(n.attempts), 0) FROM notification n JOIN member m ON m.id = n.member_id"
                        + " WHERE m.external_id = ?1 AND n.status = 'PENDING' AND n.last_error IS NOT NULL")
                .setParameter(1, externalId).getSingleResult()).longValue());
    }
}
