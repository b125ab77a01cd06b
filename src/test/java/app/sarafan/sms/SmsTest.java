package app.sarafan.sms;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import app.sarafan.event.EarningTest;
import app.sarafan.support.Database;
import app.sarafan.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMS to a real SMPP server the test runs (jSMPP's server side, {@link SmppServer}): what the SMSC receives
 * (destination, sender, data coding, text, parts), consent and opt-out, retries with backoff, an outage, and
 * delivery receipts. The worker is drained explicitly (its schedule is off in tests).
 */
@QuarkusTest
@TestProfile(SmsTest.SmsChannel.class)
class SmsTest extends EarningTest {

    /** The shared test configuration with the SMS channel on, pointed at the test SMSC. */
    public static class SmsChannel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("sarafan.sms.enabled", "true");
            config.put("sarafan.sms.smpp.host", "127.0.0.1");
            config.put("sarafan.sms.smpp.port", String.valueOf(SmppServer.PORT));
            config.put("sarafan.sms.smpp.system-id", SmppServer.SYSTEM_ID);
            config.put("sarafan.sms.smpp.password", SmppServer.PASSWORD);
            config.put("sarafan.sms.smpp.source-address", "ShopBonus");
            config.put("sarafan.sms.smpp.response-timeout", "PT3S");
            config.put("sarafan.sms.retry-base", "PT2S");
            config.put("sarafan.sms.retry-max", "PT4S");
            config.put("sarafan.sms.max-attempts", "4");
            return config;
        }
    }

    @Inject
    SmsWorker worker;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void smscUp() {
        SmppServer.up();
        SmppServer.refuseNext(0, 0);
    }

    @AfterEach
    void nothingLeftDue() {
        // A test's leftovers must not be sent during the next one.
        db().update("UPDATE sms_message SET status = 'SKIPPED', skip_reason = 'NO_CONSENT' WHERE status = 'PENDING'");
    }

    private Database db() {
        return new Database(dataSource);
    }

    private static String phone() {
        return "+7916" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    }

    /** A member registered by the shop with a phone and, if {@code consent}, SMS consent. */
    private static String smsMember(String locale, String phone, boolean consent) {
        String externalId = "sms-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "phone", phone,
                "locale", locale, "smsOptIn", consent)).post("/v1/members").then().statusCode(201)
                .body("smsOptIn", equalTo(consent))
                .body("smsOptInAt", consent ? notNullValue() : nullValue());
        return externalId;
    }

    private static void gift(String member, String amount, String reason) {
        adjust(member, Map.of("type", "CREDIT", "amount", amount, "reason", reason)).then().statusCode(201);
    }

    /** The text the handset shows: the parts in order, headers stripped, decoded by their data coding. */
    private static String text(List<SmppServer.Submitted> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte coding = parts.get(0).pdu().getDataCoding();
        for (SmppServer.Submitted part : parts) {
            byte[] message = part.pdu().getShortMessage();
            boolean udh = GSMSpecificFeature.UDHI.containedIn(part.pdu().getEsmClass());
            int start = udh ? (message[0] & 0xff) + 1 : 0;
            bytes.write(message, start, message.length - start);
        }
        return bytes.toString(coding == 8 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    }

    private String smsStatus(String member) {
        return db().value("SELECT s.status FROM sms_message s JOIN member m ON m.id = s.member_id"
                + " WHERE m.external_id = '" + member + "'");
    }

    private long smsRows(String member) {
        return Long.parseLong(db().value("SELECT count(*) FROM sms_message s JOIN member m ON m.id = s.member_id"
                + " WHERE m.external_id = '" + member + "'"));
    }

    private void makeDue(String member) {
        db().update("UPDATE sms_message SET next_attempt_at = now() WHERE member_id = (SELECT id FROM member"
                + " WHERE external_id = '" + member + "')");
    }

    @Test
    void aRussianMemberWhoConsentedGetsTheirCreditAsUcs2TextFromTheConfiguredSender() {
        String phone = phone();
        String member = smsMember("ru", phone, true);
        gift(member, "100.00", "подарок");
        assertEquals("PENDING", smsStatus(member), "written with the credit");

        worker.drain();

        List<SmppServer.Submitted> received = SmppServer.to(phone.substring(1));
        assertEquals(1, received.size());
        var pdu = received.get(0).pdu();
        assertEquals("Вам начислено 100.00 бонусов (подарок).", text(received));
        assertEquals(8, pdu.getDataCoding(), "UCS2");
        assertEquals(1, pdu.getDestAddrTon(), "international");
        assertEquals(1, pdu.getDestAddrNpi(), "ISDN");
        assertEquals("ShopBonus", pdu.getSourceAddr());
        assertEquals(5, pdu.getSourceAddrTon(), "alphanumeric sender");
        assertEquals(1, pdu.getRegisteredDelivery() & 0x03, "a delivery receipt is requested");
        assertEquals("SENT", smsStatus(member));

        admin().get("/v1/admin/members/{id}/sms", member).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].kind", equalTo("BALANCE_ADJUSTED"))
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].phone", equalTo(phone))
                .body("items[0].text", equalTo("Вам начислено 100.00 бонусов (подарок)."))
                .body("items[0].attempts", equalTo(1))
                .body("items[0].parts[0].messageId", equalTo(received.get(0).messageId()))
                .body("items[0].parts[0].receiptState", nullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void cashbackEarnedOnAPaidOrderIsTextedToTheMember() {
        rule(Map.of("name", "Cashback", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
        String phone = phone();
        String member = smsMember("ru", phone, true);
        paid(member, order("ord-" + member, "10000.00")).then().statusCode(200)
                .body("accruals[0].amount", equalTo("500.00"));
        worker.drain();

        List<SmppServer.Submitted> received = SmppServer.to(phone.substring(1));
        assertEquals(1, received.size());
        assertTrue(text(received).startsWith("Вам начислено 500.00 бонусов."), text(received));
        admin().get("/v1/admin/members/{id}/sms", member).then().statusCode(200)
                .body("items[0].kind", equalTo("BONUS_ACCRUED")).body("items[0].status", equalTo("SENT"));
    }

    @Test
    void anEnglishTextGoesAsLatin1AndALongOneInConcatenatedParts() {
        String phone = phone();
        String member = smsMember("en", phone, true);
        gift(member, "5.00", "sorry");
        String reason = "a long apology for the delayed parcel, ".repeat(5).strip();
        gift(member, "7.00", reason);
        worker.drain();

        List<SmppServer.Submitted> received = SmppServer.to(phone.substring(1));
        assertEquals(3, received.size(), "one short message, and the long one in two parts");
        assertEquals(3, received.get(0).pdu().getDataCoding(), "Latin-1");
        assertEquals("You received 5.00 bonuses (sorry).", text(received.subList(0, 1)));
        List<SmppServer.Submitted> parts = received.subList(1, 3);
        parts.forEach(p -> assertTrue(GSMSpecificFeature.UDHI.containedIn(p.pdu().getEsmClass())));
        assertEquals("You received 7.00 bonuses (" + reason + ").", text(parts));
        byte[] first = parts.get(0).pdu().getShortMessage();
        assertEquals(2, first[4], "two parts");
        assertEquals(1, first[5], "the first");
    }

    @Test
    void withoutConsentOrWithTheKindTurnedOffNothingIsSent() {
        String phone = phone();
        String noConsent = smsMember("en", phone, false);
        gift(noConsent, "10.00", "gift");
        assertEquals(0, smsRows(noConsent), "not an SMS recipient: no row");

        String optedOut = smsMember("en", phone(), true);
        db().update("INSERT INTO notification_opt_out (member_id, kind, channel, created_at) SELECT id,"
                + " 'BALANCE_ADJUSTED', 'SMS', now() FROM member WHERE external_id = '" + optedOut + "'");
        gift(optedOut, "10.00", "gift");
        assertEquals(0, smsRows(optedOut), "the kind is off for SMS: no row");

        String withdrew = smsMember("en", phone(), true);
        gift(withdrew, "10.00", "gift");
        member(withdrew).contentType("application/json").body(Map.of("smsOptIn", false))
                .put("/v1/me/sms-consent").then().statusCode(200)
                .body("smsOptIn", equalTo(false)).body("smsOptInAt", nullValue());
        worker.drain();
        assertEquals("SKIPPED", smsStatus(withdrew), "consent withdrawn after the message was written");
        admin().get("/v1/admin/members/{id}/sms", withdrew).then().statusCode(200)
                .body("items[0].skipReason", equalTo("NO_CONSENT"));
        assertEquals(List.of(), SmppServer.to(phone.substring(1)));
    }

    @Test
    void consentNeedsAPhoneIsDatedAndLapsesWithANewNumber() {
        shop().body(Map.of("externalId", "sms-" + UUID.randomUUID(), "email", "nophone@example.com",
                "smsOptIn", true)).post("/v1/members").then().statusCode(400)
                .body("errors[0].field", equalTo("smsOptIn"));
        String member = newMember();
        member(member).contentType("application/json").body(Map.of("smsOptIn", true))
                .put("/v1/me/sms-consent").then().statusCode(409);
        RestAssured.given().contentType("application/json").body(Map.of("smsOptIn", true))
                .put("/v1/me/sms-consent").then().statusCode(401);
        shop().contentType("application/json").body(Map.of("smsOptIn", true)).put("/v1/me/sms-consent")
                .then().statusCode(403);

        shop().body(Map.of("phone", phone())).patch("/v1/members/{id}", member).then().statusCode(200)
                .body("smsOptIn", equalTo(false));
        String at = member(member).contentType("application/json").body(Map.of("smsOptIn", true))
                .put("/v1/me/sms-consent").then().statusCode(200).body("smsOptIn", equalTo(true))
                .extract().path("smsOptInAt");
        member(member).contentType("application/json").body(Map.of("smsOptIn", true))
                .put("/v1/me/sms-consent").then().statusCode(200).body("smsOptInAt", equalTo(at));
        member(member).get("/v1/me/sms-consent").then().statusCode(200).body("smsOptIn", equalTo(true));
        shop().body(Map.of("name", "Anna")).patch("/v1/members/{id}", member).then().statusCode(200)
                .body("smsOptIn", equalTo(true));
        shop().body(Map.of("phone", phone())).patch("/v1/members/{id}", member).then().statusCode(200)
                .body("smsOptIn", equalTo(false)).body("smsOptInAt", nullValue());
        shop().body(Map.of("phone", phone(), "smsOptIn", true)).patch("/v1/members/{id}", member).then()
                .statusCode(200).body("smsOptIn", equalTo(true)).body("smsOptInAt", notNullValue());
    }

    @Test
    void anSmscErrorIsRetriedWithBackoffAndTheMessageGoesOnce() {
        String phone = phone();
        String member = smsMember("en", phone, true);
        gift(member, "3.00", "retry");
        SmppServer.refuseNext(2, SMPPConstant.STAT_ESME_RTHROTTLED);

        worker.drain();
        assertEquals("1", db().value("SELECT attempts FROM sms_message s JOIN member m ON m.id = s.member_id"
                + " WHERE m.external_id = '" + member + "'"));
        double firstWait = wait(member);
        assertTrue(firstWait > 1.5 && firstWait <= 2.1, "retry-base: " + firstWait);
        worker.drain();
        assertEquals(0, SmppServer.to(phone.substring(1)).size(), "not due yet: nothing tried");

        makeDue(member);
        worker.drain();
        double secondWait = wait(member);
        assertTrue(secondWait > 3.5 && secondWait <= 4.1, "doubled: " + secondWait);
        admin().get("/v1/admin/members/{id}/sms", member).then().statusCode(200)
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].attempts", equalTo(2))
                .body("items[0].lastError", equalTo("SMSC refused the submit: command_status 0x00000058"))
                .body("items[0].nextAttemptAt", notNullValue());

        makeDue(member);
        worker.drain();
        assertEquals(1, SmppServer.to(phone.substring(1)).size());
        assertEquals("SENT", smsStatus(member));
        makeDue(member);
        worker.drain();
        assertEquals(1, SmppServer.to(phone.substring(1)).size(), "exactly one message delivered");
    }

    @Test
    void anSmscThatKeepsRefusingFailsTheMessageAfterMaxAttempts() {
        String phone = phone();
        String member = smsMember("en", phone, true);
        gift(member, "3.00", "never");
        SmppServer.refuseNext(10, SMPPConstant.STAT_ESME_RSYSERR);
        for (int i = 0; i < 4; i++) {
            makeDue(member);
            worker.drain();
        }
        assertEquals("FAILED", smsStatus(member), "max-attempts is 4 here");
        SmppServer.refuseNext(0, 0);
        makeDue(member);
        worker.drain();
        assertEquals(0, SmppServer.to(phone.substring(1)).size());
    }

    private double wait(String member) {
        return Double.parseDouble(db().value("SELECT EXTRACT(EPOCH FROM s.next_attempt_at - now()) FROM sms_message s"
                + " JOIN member m ON m.id = s.member_id WHERE m.external_id = '" + member + "'"));
    }

    @Test
    void whileTheSmscIsDownTheCreditSucceedsAndTheSmsGoesWhenItIsBack() {
        String phone = phone();
        String member = smsMember("ru", phone, true);
        SmppServer.down();
        try {
            gift(member, "20.00", "пока нет связи");
            assertEquals("20.00", available(member));
            worker.drain();
            worker.drain();
            assertEquals("PENDING", smsStatus(member));
            assertEquals("0", db().value("SELECT attempts FROM sms_message s JOIN member m ON m.id = s.member_id"
                    + " WHERE m.external_id = '" + member + "'"), "an unreachable SMSC costs the message no attempt");
        } finally {
            SmppServer.up();
        }
        worker.drain();
        List<SmppServer.Submitted> received = SmppServer.to(phone.substring(1));
        assertEquals(1, received.size());
        assertEquals("Вам начислено 20.00 бонусов (пока нет связи).", text(received));
        assertEquals("SENT", smsStatus(member));
    }

    @Test
    void deliveryReceiptsMarkTheSmsDeliveredOrFailed() throws Exception {
        String phone = phone();
        String member = smsMember("en", phone, true);
        gift(member, "1.00", "receipt");
        worker.drain();
        SmppServer.Submitted sent = SmppServer.to(phone.substring(1)).get(0);
        SmppServer.receipt(sent, DeliveryReceiptState.DELIVRD);
        Eventually.until(() -> "DELIVERED".equals(smsStatus(member)), Duration.ofSeconds(10));
        admin().get("/v1/admin/members/{id}/sms", member).then().statusCode(200)
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].parts[0].receiptState", equalTo("DELIVRD"))
                .body("items[0].finishedAt", notNullValue());

        String other = phone();
        String unlucky = smsMember("en", other, true);
        gift(unlucky, "1.00", "receipt");
        worker.drain();
        SmppServer.receipt(SmppServer.to(other.substring(1)).get(0), DeliveryReceiptState.UNDELIV);
        Eventually.until(() -> "FAILED".equals(smsStatus(unlucky)), Duration.ofSeconds(10));

        // A receipt stored before the transaction that recorded its message id committed waits for the next pass.
        String early = phone();
        String quick = smsMember("en", early, true);
        gift(quick, "1.00", "receipt");
        worker.drain();
        String messageId = SmppServer.to(early.substring(1)).get(0).messageId();
        db().update("INSERT INTO sms_receipt (message_id, state, error, received_at) VALUES ('" + messageId
                + "', 'DELIVRD', '000', now())");
        assertEquals("SENT", smsStatus(quick));
        worker.drain();
        assertEquals("DELIVERED", smsStatus(quick));
        assertEquals("0", db().value("SELECT count(*) FROM sms_receipt WHERE message_id = '" + messageId + "'"));
        admin().get("/v1/admin/members/{id}/sms", unlucky).then().statusCode(200)
                .body("items[0].parts[0].receiptState", equalTo("UNDELIV"))
                .body("items[0].parts[0].receiptError", equalTo("001"));
    }

    @Test
    void onlyAdministratorsSeeAMembersSms() {
        String member = smsMember("en", phone(), true);
        shop().get("/v1/admin/members/{id}/sms", member).then().statusCode(403);
        RestAssured.given().get("/v1/admin/members/{id}/sms", member).then().statusCode(401);
        admin().get("/v1/admin/members/{id}/sms", "nobody-" + UUID.randomUUID()).then().statusCode(404);
        admin().get("/v1/admin/members/{id}/sms?limit=0", member).then().statusCode(400);
    }
}
