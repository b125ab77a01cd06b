package app.sarafan.notification;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.support.ApiTest;
import app.sarafan.support.Eventually;
import app.sarafan.support.Race;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Templates the shop edits, through the admin API: a save is what the next message says (subject, text and HTML
 * by a real SMTP server), a reset brings the shipped one back, a save must name the version it edited, and a
 * template is checked before it is saved.
 */
@QuarkusTest
@WithTestResource(value = MailPort.class, scope = TestResourceScope.GLOBAL)
class NotificationTemplateTest extends ApiTest {

    private static final String ACCRUAL_EN = "/v1/admin/notification-templates/EMAIL/BONUS_ACCRUED/en";
    private static final String SMS_ACCRUAL_EN = "/v1/admin/notification-templates/SMS/BONUS_ACCRUED/en";

    @Inject
    DomainEvents events;

    @Inject
    EntityManager em;

    @Inject
    Composer composer;

    /** Audit entries written before this test are other tests'. */
    private String since;

    @BeforeEach
    void smtpUp() {
        MailServer.up();
        since = clock.now().toString();
    }

    private io.restassured.specification.RequestSpecification auditOf(String entityId) {
        var request = admin().queryParam("entityType", "NOTIFICATION_TEMPLATE").queryParam("from", since);
        return entityId == null ? request : request.queryParam("entityId", entityId);
    }

    /** Templates are the whole shop's: no other test may get this one's. */
    @AfterEach
    void shippedTemplatesAgain() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM notification_template_version")
                .executeUpdate());
    }

    private static Map<String, Object> accrualTemplate() {
        return Map.of("subject", "{name}, {amount} {bonuses} are yours",
                "text", "Dear {name},\n\nwe added {amount} {bonuses} ({reason}).\n",
                "html", "<h1>{amount} {bonuses}</h1>\n<p>Dear {name}: {reason}</p>\n");
    }

    private static Response put(String path, String ifMatch, Map<String, Object> body) {
        var request = admin().body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(path);
    }

    private static String mailMember(String locale) {
        String externalId = "tpl-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "name", "Anna",
                "locale", locale, "timeZone", "Europe/Moscow")).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    private void accrue(String externalId, String amount, String reason) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("transactionId", "1");
        payload.put("amount", amount);
        payload.put("pending", false);
        payload.put("availableFrom", "2026-11-25T13:00:00Z");
        payload.put("expiresAt", "2026-12-25T13:00:00Z");
        payload.put("profile", "ORDER_PAID");
        payload.put("reason", reason);
        QuarkusTransaction.requiringNew().run(() -> {
            long id = ((Number) em.createNativeQuery("SELECT id FROM member WHERE external_id = ?1")
                    .setParameter(1, externalId).getSingleResult()).longValue();
            events.publish(DomainEventType.BONUS_ACCRUED, id, payload);
        });
    }

    private static Message mail(String externalId, int count) {
        Eventually.until(() -> MailServer.to(externalId).size() >= count, Duration.ofSeconds(20));
        return MailServer.to(externalId).get(count - 1);
    }

    private static String subject(Message message) throws Exception {
        return message.getSubject();
    }

    @Test
    void anEditedTemplateWritesTheNextEmailItsSubjectTextAndHtmlWithValuesEscapedInTheHtmlOnly() throws Exception {
        admin().get(ACCRUAL_EN).then().statusCode(200).header("ETag", "\"0\"")
                .body("version", equalTo(0)).body("isDefault", equalTo(true))
                .body("subject", equalTo("You received {amount} {bonuses}"))
                .body("html", containsString("<p>Hello {name},</p>"));

        put(ACCRUAL_EN, "\"0\"", accrualTemplate()).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("isDefault", equalTo(false))
                .body("subject", equalTo("{name}, {amount} {bonuses} are yours"))
                .body("updatedBy", equalTo(admin().get("/v1/admin/audit-log").then().extract()
                        .path("items[0].actor")));

        String member = mailMember("en");
        accrue(member, "500.00", "<b>Black Friday</b> & more");
        Message message = mail(member, 1);
        assertEquals("Anna, 500.00 bonuses are yours", subject(message));
        assertEquals("Dear Anna,\n\nwe added 500.00 bonuses (<b>Black Friday</b> & more).",
                MailServer.text(message).replace("\r\n", "\n").strip());
        assertEquals("<h1>500.00 bonuses</h1>\n<p>Dear Anna: &lt;b&gt;Black Friday&lt;/b&gt; &amp; more</p>",
                MailServer.html(message).replace("\r\n", "\n").strip());

        String russian = mailMember("ru");
        accrue(russian, "500.00", "Black Friday");
        assertEquals("Вам начислено 500.00 бонусов", subject(mail(russian, 1)), "the Russian template is its own");

        admin().queryParam("channel", "EMAIL").queryParam("kind", "BONUS_ACCRUED")
                .get("/v1/admin/notification-templates").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.locale == 'en' }.version", equalTo(1))
                .body("items.find { it.locale == 'en' }.isDefault", equalTo(false))
                .body("items.find { it.locale == 'ru' }.version", equalTo(0))
                .body("items.find { it.locale == 'ru' }.isDefault", equalTo(true));
        auditOf("EMAIL/BONUS_ACCRUED/en").get("/v1/admin/audit-log").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("NOTIFICATION_TEMPLATE_UPDATED"))
                .body("items[0].before.version", equalTo(0))
                .body("items[0].after.version", equalTo(1));
    }

    @Test
    void aResetBringsTheShippedTemplateBackAsANewVersion() throws Exception {
        put(ACCRUAL_EN, "\"0\"", accrualTemplate()).then().statusCode(200);
        String key = UUID.randomUUID().toString();
        admin().header("If-Match", "\"1\"").header("Idempotency-Key", key).post(ACCRUAL_EN + "/reset")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("isDefault", equalTo(true))
                .body("subject", equalTo("You received {amount} {bonuses}"));
        admin().header("If-Match", "\"1\"").header("Idempotency-Key", key).post(ACCRUAL_EN + "/reset")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("version", equalTo(2));

        String member = mailMember("en");
        accrue(member, "1.00", "Welcome");
        Message message = mail(member, 1);
        assertEquals("You received 1.00 bonus", subject(message));
        assertTrue(MailServer.html(message).contains("<p>Hello Anna,</p>"), MailServer.html(message));

        admin().header("If-Match", "\"2\"").post(ACCRUAL_EN + "/reset").then().statusCode(200)
                .body("version", equalTo(2));
        auditOf("EMAIL/BONUS_ACCRUED/en").get("/v1/admin/audit-log").then().statusCode(200)
                .body("items.action", equalTo(List.of("NOTIFICATION_TEMPLATE_RESET",
                        "NOTIFICATION_TEMPLATE_UPDATED")))
                .body("items[0].before.version", equalTo(1)).body("items[0].after.isDefault", equalTo(true));
        put(ACCRUAL_EN, "\"2\"", accrualTemplate()).then().statusCode(200).body("version", equalTo(3));

        admin().queryParam("limit", 2).get(ACCRUAL_EN + "/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(3, 2))).body("items.isDefault", equalTo(List.of(false, true)))
                .body("items[1].subject", equalTo("You received {amount} {bonuses}"));
        String next = admin().queryParam("limit", 2).get(ACCRUAL_EN + "/versions").then().extract()
                .path("nextCursor");
        admin().queryParam("limit", 2).queryParam("cursor", next).get(ACCRUAL_EN + "/versions").then()
                .statusCode(200).body("items.version", equalTo(List.of(1))).body("nextCursor", nullValue())
                .body("items[0].subject", equalTo("{name}, {amount} {bonuses} are yours"));
        admin().get("/v1/admin/notification-templates/EMAIL/BONUS_ACCRUED/ru/versions").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aSaveOrResetOnAStaleVersionIs412AndWithoutIfMatch428() {
        put(ACCRUAL_EN, null, accrualTemplate()).then().statusCode(428)
                .body("type", equalTo("https://sarafan.app/problems/precondition-required"));
        put(ACCRUAL_EN, "\"0\"", accrualTemplate()).then().statusCode(200);
        put(ACCRUAL_EN, "\"0\"", accrualTemplate()).then().statusCode(412)
                .body("type", equalTo("https://sarafan.app/problems/precondition-failed"))
                .body("currentVersion", equalTo(1));
        admin().header("If-Match", "\"0\"").post(ACCRUAL_EN + "/reset").then().statusCode(412)
                .body("currentVersion", equalTo(1));
        admin().post(ACCRUAL_EN + "/reset").then().statusCode(428);
        admin().get(ACCRUAL_EN).then().statusCode(200).header("ETag", "\"1\"").body("isDefault", equalTo(false));
    }

    @Test
    void racingSavesOnOneVersionLetExactlyOneIn() throws Exception {
        Map<Integer, Integer> answers = Race.answers(4, () -> put(ACCRUAL_EN, "\"0\"", accrualTemplate())
                .then().extract().statusCode());
        assertEquals(Map.of(200, 1, 412, 3), answers);
        admin().get(ACCRUAL_EN).then().statusCode(200).body("version", equalTo(1));
        auditOf("EMAIL/BONUS_ACCRUED/en").get("/v1/admin/audit-log").then().statusCode(200).body("items", hasSize(1));
    }

    private static void refused(String path, Map<String, Object> body, String field, String message) {
        put(path, "\"0\"", body).then().statusCode(400)
                .body("type", equalTo("https://sarafan.app/problems/validation"))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    private static Map<String, Object> with(String field, String value) {
        Map<String, Object> body = new HashMap<>(accrualTemplate());
        body.put(field, value);
        return body;
    }

    @Test
    void aTemplateIsCheckedBeforeItIsSaved() {
        refused(ACCRUAL_EN, with("text", "You got {amount} {points}."), "text", "unknown placeholder {points}");
        refused(ACCRUAL_EN, with("subject", "{amount} for {customer}"), "subject", "unknown placeholder {customer}");
        refused(ACCRUAL_EN, with("html", "<p>{amount} {#if vip}VIP{/if}</p>"), "html", "unknown placeholder {vip}");
        refused(ACCRUAL_EN, with("text", "Hello {name}, you got bonuses."), "text", "must use the placeholder {amount}");
        refused(ACCRUAL_EN, with("html", "<p>Hello {name}</p>"), "html", "must use the placeholder {amount}");
        refused(ACCRUAL_EN, with("text", "{#if pending}{amount}"), "text", "is not a valid template");
        refused(ACCRUAL_EN, with("subject", "Line one\nline two {amount}"), "subject", "must be one line");
        refused(ACCRUAL_EN, with("text", "{amount} {config:quarkus.datasource.password}"), "text",
                "namespaces (config:) are not allowed");
        refused(ACCRUAL_EN, with("html", "<p>{amount} {name.raw}</p>"), "html", "raw and safe");
        refused(ACCRUAL_EN, with("text", "{amount} {name.toUpperCase}"), "text", "only a default may follow it");
        refused(ACCRUAL_EN, with("text", "{#for x in amount}{x}{/for}"), "text", "the section {#for} is not allowed");
        refused(SMS_ACCRUAL_EN, Map.of("text", "{amount} " + "a".repeat(320)), "text", "3 parts");
        refused(SMS_ACCRUAL_EN, Map.of("subject", "Hi", "text", "{amount}"), "subject", "an SMS has no subject");
        put(ACCRUAL_EN, "\"0\"", Map.of("subject", "x {amount}", "text", "{amount}", "colour", "red"))
                .then().statusCode(400).body("errors[0].field", equalTo("colour"));
        admin().get(ACCRUAL_EN).then().statusCode(200).body("version", equalTo(0));
        auditOf(null).get("/v1/admin/audit-log").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anEmailWithoutHtmlGetsItWrittenFromItsText() {
        put(ACCRUAL_EN, "\"0\"", Map.of("subject", "+{amount}", "text", "Hi {name} & co,\n\n{amount} {bonuses}."))
                .then().statusCode(200)
                .body("html", equalTo("<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<p>Hi {name} &amp; co,</p>\n"
                        + "<p>{amount} {bonuses}.</p>\n</body>\n</html>\n"));
    }

    @Test
    void aPreviewRendersTheSampleDataAndSavesNothing() {
        admin().post(ACCRUAL_EN + "/preview").then().statusCode(200)
                .body("version", equalTo(0))
                .body("subject", equalTo("You received 500.00 bonuses"))
                .body("text", containsString("500.00 bonuses were credited to your account (5 % cashback on order"))
                .body("html", containsString("<p>Hello Anna,</p>"))
                .body("sms", nullValue())
                .body("data.amount", equalTo("500.00")).body("data.expiresOn", equalTo("2026-12-25"));
        admin().body(accrualTemplate()).post(ACCRUAL_EN + "/preview").then().statusCode(200)
                .body("version", nullValue())
                .body("subject", equalTo("Anna, 500.00 bonuses are yours"))
                .body("html", equalTo("<h1>500.00 bonuses</h1>\n<p>Dear Anna: 5 % cashback on order 58213</p>\n"));
        admin().body(with("text", "{points}")).post(ACCRUAL_EN + "/preview").then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
        admin().post("/v1/admin/notification-templates/SMS/BONUS_ACCRUED/ru/preview").then().statusCode(200)
                .body("text", equalTo("Вам начислено 500.00 бонусов. Сгорят 2026-12-25."))
                .body("sms.encoding", equalTo("UCS2")).body("sms.segments", equalTo(1));
        admin().get(ACCRUAL_EN).then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void anSmsTemplateEditIsWhatTheNextSmsSays() {
        Recipient anna = new Recipient("a@example.com", "Anna", Locale.ENGLISH, ZoneId.of("UTC"));
        Map<String, Object> payload = Map.of("amount", "300.00", "pending", false);
        assertEquals("You received 300.00 bonuses.", composer.composeSms(NotificationKind.BONUS_ACCRUED, payload,
                anna));
        put(SMS_ACCRUAL_EN, "\"0\"", Map.of("text", "+{amount} {bonuses} for you, {name}!\n{#if reason}{reason}{/if}"))
                .then().statusCode(200).body("subject", nullValue()).body("html", nullValue());
        assertEquals("+300.00 bonuses for you, Anna!", composer.composeSms(NotificationKind.BONUS_ACCRUED, payload,
                anna));
        assertEquals("You received 300.00 bonuses", composer.compose(NotificationKind.BONUS_ACCRUED, payload, anna)
                .subject(), "the email is another template");
        admin().header("If-Match", "\"1\"").post(SMS_ACCRUAL_EN + "/reset").then().statusCode(200);
        assertEquals("You received 300.00 bonuses.", composer.composeSms(NotificationKind.BONUS_ACCRUED, payload,
                anna));
    }

    /** Written past the check (as a template of an older release might be): the message still goes out. */
    @Test
    void aSavedTemplateThatFailsToRenderGivesWayToTheShippedOne() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO notification_template_version (channel, kind, locale, version, is_default, subject,
                    text_body, html_body, created_at, created_by)
                VALUES ('EMAIL', 'BONUS_ACCRUED', 'en', 1, false, '{amount} {nope}', '{amount}', '<p>{amount}</p>',
                    now(), 'test')""").executeUpdate());
        Recipient anna = new Recipient("a@example.com", "Anna", Locale.ENGLISH, ZoneId.of("UTC"));
        Composer.Mail mail = composer.compose(NotificationKind.BONUS_ACCRUED, Map.of("amount", "300.00"), anna);
        assertEquals("You received 300.00 bonuses", mail.subject());
        assertTrue(mail.html().contains("<p>Hello Anna,</p>"), mail.html());
    }

    @Test
    void everyTemplateIsListedAndOnlyAdministratorsReachThem() {
        admin().get("/v1/admin/notification-templates").then().statusCode(200)
                .body("items", hasSize(TemplateKey.all().size()))
                .body("items.findAll { it.channel == 'SMS' && it.kind == 'WEBHOOK_DISABLED' }", hasSize(0));
        admin().queryParam("channel", "FAX").get("/v1/admin/notification-templates").then().statusCode(400)
                .body("errors[0].field", equalTo("channel"));
        admin().get("/v1/admin/notification-templates/EMAIL/NOPE/en").then().statusCode(404);
        admin().get("/v1/admin/notification-templates/SMS/WEBHOOK_DISABLED/en").then().statusCode(404);
        admin().get("/v1/admin/notification-templates/EMAIL/BONUS_ACCRUED/de").then().statusCode(404);
        admin().get("/v1/admin/notification-templates/FEED/BONUS_ACCRUED/en").then().statusCode(404);
        shop().get(ACCRUAL_EN).then().statusCode(403);
        shop().header("If-Match", "\"0\"").body(accrualTemplate()).put(ACCRUAL_EN).then().statusCode(403);
        io.restassured.RestAssured.given().get(ACCRUAL_EN).then().statusCode(401);
        String member = newMember();
        member(member).post(ACCRUAL_EN + "/preview").then().statusCode(403);
    }
}
