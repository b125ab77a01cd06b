package app.sarafan.withdrawal;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.member.MemberService;
import app.sarafan.support.ApiTest;
import app.sarafan.support.TestRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WithdrawalTest extends ApiTest {

    private static final String CARD = "4111 1111 1111 1111";

    private final TestRules rules = new TestRules();

    @Inject
    Ledger ledger;

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    @Inject
    PayoutDetailsCipher cipher;

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    private void withdrawalRule(Map<String, Object> terms) {
        rules.activate(Map.of("name", "Withdrawals", "profile", "WITHDRAWAL", "withdrawal", terms));
    }

    private static Response request(String externalId, String amount) {
        return member(externalId).contentType("application/json")
                .body(Map.of("amount", amount, "payoutMethod", "BANK_CARD", "payoutDetails", CARD))
                .post("/v1/me/withdrawals");
    }

    private static io.restassured.path.json.JsonPath balance(String externalId) {
        return shop().get("/v1/members/{id}/balance", externalId).then().statusCode(200).extract().jsonPath();
    }

    /** Business time at noon on the 10th of next month, so that "tomorrow" is in the same month. */
    private void middleOfNextMonth() {
        Instant now = clock.now();
        Instant target = LocalDate.ofInstant(now, ZoneOffset.UTC).plusMonths(1).withDayOfMonth(10)
                .atTime(12, 0).toInstant(ZoneOffset.UTC);
        clock.advance(Duration.between(now, target));
    }

    @Transactional
    List<String> statusEvents(String externalId) {
        @SuppressWarnings("unchecked")
        List<String> payloads = em.createNativeQuery("""
                        SELECT payload FROM domain_event WHERE member_id = ?1 AND type = 'WITHDRAWAL_STATUS_CHANGED'
                        ORDER BY id""").setParameter(1, members.ref(externalId).id()).getResultList();
        return payloads;
    }

    @Test
    void limitsPerDayAndPerMonthCountEveryRequestNotRejected() {
        withdrawalRule(Map.of("minAmount", "100.00", "maxPerDay", "1000.00", "maxPerMonth", "1500.00"));
        String alice = newMember();
        credit(alice, "5000.00");
        middleOfNextMonth();
        request(alice, "600.00").then().statusCode(201).body("status", equalTo("REQUESTED"));
        request(alice, "500.00").then().statusCode(409).body("type", endsWith("/limit-reached"))
                .body("maxPerDay", equalTo("1000.00")).body("remaining", equalTo("400.00"));
        String third = request(alice, "400.00").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofDays(1));
        request(alice, "600.00").then().statusCode(409).body("type", endsWith("/limit-reached"))
                .body("maxPerMonth", equalTo("1500.00")).body("remaining", equalTo("500.00"));
        admin().body(Map.of("reason", "Card is not in the member's name")).post("/v1/admin/withdrawals/{id}/reject", third)
                .then().statusCode(200);
        request(alice, "900.00").then().statusCode(201);
        request(alice, "99.99").then().statusCode(400).body("errors[0].field", equalTo("amount"));
        JsonPathCheck.equal(balance(alice), "available", "3500.00");
        JsonPathCheck.equal(balance(alice), "reserved", "1500.00");
    }

    @Test
    void onlyBonusesOfWithdrawableKindsCount() {
        String welcomeRule = rules.activate(Map.of("name", "Welcome (test)", "profile", "REGISTRATION", "active", false,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"))));
        String referralRule = rules.activate(Map.of("name", "Referral (test)", "profile", "ORDER_PAID", "active", false,
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", List.of(Map.of("level", 1, "value", "5.00"))))));
        withdrawalRule(Map.of("withdrawableKinds", List.of("REFERRAL"), "feePercent", "2.00", "feeFixed", "10.00"));
        String bob = newMember();
        String friend = newMember();
        long bobId = members.ref(bob).id();
        ledger.credit(bobId, new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal("500.00"),
                new Source(SourceType.EVENT, "evt-reg", "shop"), "Welcome bonus", null, null,
                new Provenance(Long.valueOf(TestRules.versionId(welcomeRule)), null, null)));
        ledger.credit(bobId, new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal("300.00"),
                new Source(SourceType.EVENT, "evt-ord", "shop"), "5 % of a friend's order", null,
                Instant.now().plus(Duration.ofDays(90)),
                new Provenance(Long.valueOf(TestRules.versionId(referralRule)), members.ref(friend).id(), 1)));
        member(bob).get("/v1/me/withdrawal-terms").then().statusCode(200)
                .body("offered", equalTo(true)).body("available", equalTo("800.00"))
                .body("withdrawable", equalTo("300.00")).body("withdrawableKinds", equalTo(List.of("REFERRAL")));
        request(bob, "300.01").then().statusCode(409).body("type", endsWith("/insufficient-balance"))
                .body("withdrawable", equalTo("300.00"));
        String id = request(bob, "300.00").then().statusCode(201)
                .body("fee", equalTo("16.00")).body("payout", equalTo("284.00")).extract().path("id");
        request(bob, "50.00").then().statusCode(409).body("withdrawable", equalTo("0.00"));
        admin().post("/v1/admin/withdrawals/{id}/mark-paid", id).then().statusCode(200)
                .body("status", equalTo("PAID"));
        io.restassured.path.json.JsonPath balance = balance(bob);
        assertEquals("500.00", balance.getString("available"));
        assertEquals("0.00", balance.getString("reserved"));
        assertEquals("500.00", balance.getString("total"));
        member(bob).get("/v1/me/withdrawal-terms").then().body("withdrawable", equalTo("0.00"));
        shop().queryParam("kind", "WITHDRAWAL").get("/v1/members/{id}/transactions", bob).then()
                .body("items[0].amount", equalTo("-300.00")).body("items[0].sourceType", equalTo("WITHDRAWAL"));
    }

    @Test
    void concurrentRequestsNeverExceedTheWithdrawableAmount() throws Exception {
        withdrawalRule(Map.of("minAmount", "1.00"));
        String carol = newMember();
        credit(carol, "1000.00");
        String token = tokenFor(carol);
        Map<Integer, Integer> statuses = app.sarafan.support.Race.answers(10,
                () -> io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                        .contentType("application/json")
                        .body(Map.of("amount", "300.00", "payoutMethod", "PHONE", "payoutDetails", "+79161234567"))
                        .post("/v1/me/withdrawals").statusCode());
        assertEquals(Map.of(201, 3, 409, 7), statuses);
        assertEquals("100.00", balance(carol).getString("available"));
        assertEquals("900.00", balance(carol).getString("reserved"));
    }

    @Test
    void rejectingReleasesTheHoldWithTheReasonAndEveryChangeIsAnEvent() {
        withdrawalRule(Map.of("minAmount", "100.00"));
        String dave = newMember();
        credit(dave, "5000.00");
        String id = request(dave, "500.00").then().statusCode(201).extract().path("id");
        assertEquals("4500.00", balance(dave).getString("available"));
        assertEquals("500.00", balance(dave).getString("reserved"));
        admin().post("/v1/admin/withdrawals/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        admin().post("/v1/admin/withdrawals/{id}/approve", id).then().statusCode(409)
                .body("type", endsWith("/wrong-state"));
        admin().body(Map.of("reason", "The card was declined")).post("/v1/admin/withdrawals/{id}/reject", id)
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("The card was declined"));
        assertEquals("5000.00", balance(dave).getString("available"));
        assertEquals("0.00", balance(dave).getString("reserved"));
        admin().post("/v1/admin/withdrawals/{id}/mark-paid", id).then().statusCode(409);
        admin().body(Map.of("reason", "again")).post("/v1/admin/withdrawals/{id}/reject", id).then().statusCode(409);
        member(dave).get("/v1/me/withdrawals/{id}", id).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectReason", equalTo("The card was declined"));
        List<String> events = statusEvents(dave);
        assertEquals(3, events.size());
        assertEquals(List.of(true, true, true), List.of(events.get(0).contains("\"REQUESTED\""),
                events.get(1).contains("\"APPROVED\""), events.get(2).contains("The card was declined")));
        events.forEach(e -> assertFalse(e.contains("1111"), e));
    }

    @Test
    void payoutDetailsAreMaskedEverywhereAndEncryptedAtRest() {
        withdrawalRule(Map.of("minAmount", "1.00"));
        String eve = newMember();
        credit(eve, "1000.00");
        String id = request(eve, "100.00").then().statusCode(201)
                .body("payoutDetails", equalTo("****1111"))
                .body(not(containsString("4111"))).extract().path("id");
        member(eve).get("/v1/me/withdrawals").then().statusCode(200)
                .body("items.payoutDetails", everyItem(equalTo("****1111"))).body(not(containsString("4111")));
        admin().get("/v1/admin/withdrawals/{id}", id).then().statusCode(200)
                .body("payoutDetails", equalTo("****1111")).body(not(containsString("4111")));
        admin().queryParam("status", "REQUESTED").queryParam("externalId", eve).get("/v1/admin/withdrawals").then()
                .statusCode(200).body("items.id", equalTo(List.of(id))).body(not(containsString("4111")));
        String stored = storedDetails(id);
        assertFalse(stored.contains("4111"));
        assertEquals("4111111111111111", cipher.decrypt(stored, members.ref(eve).id()));
        member(eve).contentType("application/json")
                .body(Map.of("amount", "100.00", "payoutMethod", "BANK_CARD", "payoutDetails", "4111 1111 1111 1112"))
                .post("/v1/me/withdrawals").then().statusCode(400)
                .body("errors[0].field", equalTo("payoutDetails")).body(not(containsString("1112")));
    }

    @Test
    void anAdministratorReadsTheFullPayoutDetailsAndEveryReadIsAudited() {
        withdrawalRule(Map.of("minAmount", "1.00"));
        String fay = newMember();
        credit(fay, "1000.00");
        String id = request(fay, "100.00").then().statusCode(201).extract().path("id");
        assertEquals("v2:default:", storedDetails(id).substring(0, "v2:default:".length()));

        admin().get("/v1/admin/withdrawals/{id}/payout-details", id).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("withdrawalId", equalTo(id)).body("payoutMethod", equalTo("BANK_CARD"))
                .body("payoutDetails", equalTo("4111111111111111"));
        admin().get("/v1/admin/withdrawals/{id}/payout-details", id).then().statusCode(200);

        io.restassured.path.json.JsonPath audit = admin().queryParam("entityType", "WITHDRAWAL")
                .queryParam("entityId", id).queryParam("action", "WITHDRAWAL_PAYOUT_DETAILS_READ")
                .get("/v1/admin/audit-log").then().statusCode(200).body(not(containsString("4111")))
                .extract().jsonPath();
        assertEquals(2, audit.getList("items").size(), "one entry per read");
        assertEquals(List.of("****1111", "****1111"), audit.getList("items.after.payoutDetails"));
        assertEquals(null, (Object) audit.get("items[0].before"));
        assertFalse(audit.getString("items[0].actor").isBlank(), "who read them");
        assertFalse(audit.getString("items[0].createdAt").isBlank(), "when");

        // Everywhere else they stay masked, also after the read.
        admin().get("/v1/admin/withdrawals/{id}", id).then().statusCode(200)
                .body("payoutDetails", equalTo("****1111")).body(not(containsString("4111")));
        member(fay).get("/v1/me/withdrawals/{id}", id).then().statusCode(200)
                .body("payoutDetails", equalTo("****1111")).body(not(containsString("4111")));

        // Only administrators; an unknown id reads nothing and writes no entry.
        shop().get("/v1/admin/withdrawals/{id}/payout-details", id).then().statusCode(403)
                .body(not(containsString("4111")));
        member(fay).get("/v1/admin/withdrawals/{id}/payout-details", id).then().statusCode(403)
                .body(not(containsString("4111")));
        io.restassured.RestAssured.given().get("/v1/admin/withdrawals/{id}/payout-details", id).then()
                .statusCode(401);
        admin().get("/v1/admin/withdrawals/{id}/payout-details", "424242424").then().statusCode(404);
        admin().queryParam("entityId", id).queryParam("action", "WITHDRAWAL_PAYOUT_DETAILS_READ")
                .get("/v1/admin/audit-log").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Transactional
    String storedDetails(String id) {
        return (String) em.createNativeQuery("SELECT payout_details FROM withdrawal WHERE id = ?1")
                .setParameter(1, Long.valueOf(id)).getSingleResult();
    }

    @Test
    void refusalsNameTheFieldHideOtherMembersAndCheckRoles() {
        withdrawalRule(Map.of("minAmount", "10.00", "feeFixed", "10.00"));
        String frank = newMember();
        String other = newMember();
        credit(frank, "1000.00");
        credit(other, "1000.00");
        String othersId = request(other, "100.00").then().statusCode(201).extract().path("id");
        member(frank).get("/v1/me/withdrawals/{id}", othersId).then().statusCode(404);
        member(frank).get("/v1/me/withdrawals").then().statusCode(200).body("items.size()", equalTo(0));
        request(frank, "10.00").then().statusCode(400).body("errors[0].field", equalTo("amount"));
        Map<String, Object> bad = new HashMap<>(Map.of("amount", "100.00", "payoutMethod", "PIGEON",
                "payoutDetails", CARD));
        member(frank).contentType("application/json").body(bad).post("/v1/me/withdrawals").then().statusCode(400)
                .body("errors[0].field", equalTo("payoutMethod"));
        member(frank).queryParam("status", "LOST").get("/v1/me/withdrawals").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        admin().queryParam("status", "LOST").get("/v1/admin/withdrawals").then().statusCode(400);
        shop().body(Map.of("amount", "100.00", "payoutMethod", "PHONE", "payoutDetails", "+79161234567"))
                .post("/v1/me/withdrawals").then().statusCode(403);
        member(frank).get("/v1/admin/withdrawals").then().statusCode(403);
        shop().post("/v1/admin/withdrawals/{id}/approve", othersId).then().statusCode(403);
        io.restassured.RestAssured.given().get("/v1/me/withdrawals").then().statusCode(401);
        admin().post("/v1/admin/withdrawals/{id}/approve", "424242424").then().statusCode(404);
        admin().get("/v1/admin/withdrawals/{id}", "nope").then().statusCode(404);
        admin().body(Map.of("reason", " ")).post("/v1/admin/withdrawals/{id}/reject", othersId).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
    }

    /** Small assertion helper so that balance checks read as one line. */
    private static final class JsonPathCheck {
        static void equal(io.restassured.path.json.JsonPath json, String path, String expected) {
            assertEquals(expected, json.getString(path), path);
        }
    }

    @Test
    void withoutAWithdrawalRuleNothingIsOffered() {
        String gina = newMember();
        credit(gina, "1000.00");
        member(gina).get("/v1/me/withdrawal-terms").then().statusCode(200)
                .body("offered", equalTo(false)).body("withdrawable", equalTo("0.00"));
        request(gina, "100.00").then().statusCode(409).body("type", endsWith("/wrong-state"));
        assertEquals("1000.00", balance(gina).getString("available"));
    }
}
