package app.sarafan.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ShopEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Each earning profile: what it pays, to whom, how often. */
@QuarkusTest
class EarningProfilesTest extends EarningTest {

    private static Map<String, Object> fixed(String name, String profile, String value) {
        return Map.of("name", name, "profile", profile,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", value)));
    }

    @Test
    void profileAndNewsletterBonusesArePaidOncePerMember() {
        rule(fixed("Complete your profile", "PROFILE_COMPLETED", "100.00"));
        rule(fixed("Subscribe", "NEWSLETTER_SUBSCRIBED", "30.00"));
        String member = newMember();
        ShopEvents.send(event("PROFILE_COMPLETED", member)).then().statusCode(200)
                .body("accruals[0].amount", equalTo("100.00"));
        ShopEvents.send(event("PROFILE_COMPLETED", member)).then().statusCode(200).body("accruals", hasSize(0))
                .body("skipped[0].reason", equalTo("granted before"));
        ShopEvents.send(event("NEWSLETTER_SUBSCRIBED", member)).then().body("accruals[0].amount", equalTo("30.00"));
        ShopEvents.send(event("NEWSLETTER_SUBSCRIBED", member)).then().body("accruals", hasSize(0));
        assertEquals("130.00", available(member));
        shop().get("/v1/members/{id}", member).then().body("profileCompleted", equalTo(true))
                .body("newsletterSubscribed", equalTo(true));
    }

    @Test
    void reviewsArePaidOncePerReviewWithinTheRulesLimits() {
        rule(Map.of("name", "Reviews", "profile", "REVIEW_PUBLISHED", "limits", Map.of("perPeriod", 2, "periodDays", 7),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "20.00"))));
        String member = newMember();
        ShopEvents.send(event("REVIEW_PUBLISHED", member, "review", Map.of("id", "r1"))).then()
                .body("accruals[0].amount", equalTo("20.00"));
        ShopEvents.send(event("REVIEW_PUBLISHED", member, "review", Map.of("id", "r1"))).then()
                .body("accruals", hasSize(0));
        ShopEvents.send(event("REVIEW_PUBLISHED", member, "review", Map.of("id", "r2"))).then()
                .body("accruals[0].amount", equalTo("20.00"));
        ShopEvents.send(event("REVIEW_PUBLISHED", member, "review", Map.of("id", "r3"))).then()
                .body("accruals", hasSize(0)).body("skipped[0].reason", equalTo("limit of 2 per 7 days reached"));
        clock.advance(Duration.ofDays(8));
        ShopEvents.send(event("REVIEW_PUBLISHED", member, "review", Map.of("id", "r3"))).then()
                .body("accruals[0].amount", equalTo("20.00"));
        assertEquals("60.00", available(member));
    }

    @Test
    void externalBonusesPayTheSentAmountUpToTheRulesValue() {
        rule(Map.of("name", "Partner bonuses", "profile", "EXTERNAL_BONUS", "lifetimeDays", 10,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "300.00"))));
        String member = newMember();
        ShopEvents.send(event("EXTERNAL_BONUS", member, "bonus", Map.of("amount", "120.50", "reason", "Quiz")))
                .then().statusCode(200).body("accruals[0].amount", equalTo("120.50"))
                .body("accruals[0].description", equalTo("Partner bonuses: Quiz"))
                .body("note", org.hamcrest.Matchers.nullValue());
        ShopEvents.send(event("EXTERNAL_BONUS", member, "bonus", Map.of("amount", "1000.00"))).then()
                .body("accruals[0].amount", equalTo("300.00"))
                .body("note", equalTo("credited 300.00 of the 1000.00 sent: the rules in force pay at most that"));
        assertEquals("420.50", available(member));
    }

    @Test
    void aNewMemberRegisteredByEventIsCreatedAndWelcomedOnceAndTheirReferrerRewarded() {
        rule(Map.of("name", "Welcome", "profile", "REGISTRATION", "rewards", List.of(
                Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"),
                Map.of("recipient", "REFERRER", "type", "FIXED", "levels", levels("100.00")))));
        String referrer = newMember();
        String id = "cust-" + java.util.UUID.randomUUID();
        Map<String, Object> body = event("MEMBER_REGISTERED", id, "member", Map.of("email", id + "@example.com",
                "locale", "ru"), "attribution", Map.of("referralCode", codeOf(referrer)));
        String eventId = ShopEvents.newId();
        ShopEvents.send(eventId, body).then().statusCode(200).body("accruals", hasSize(2));
        ShopEvents.send(eventId, body).then().statusCode(200).body("accruals", hasSize(2))
                .header("Idempotent-Replayed", equalTo("true"));
        ShopEvents.send(event("MEMBER_REGISTERED", id)).then().statusCode(200).body("accruals", hasSize(0));
        assertEquals("500.00", available(id));
        assertEquals("100.00", available(referrer));
        shop().get("/v1/members/{id}", id).then().body("locale", equalTo("ru"));
        ShopEvents.send(event("MEMBER_REGISTERED", "cust-" + java.util.UUID.randomUUID())).then().statusCode(400)
                .body("errors[0].field", equalTo("member"));
    }

    @Test
    void excludedCategoriesEarnNoCashbackAndPerProductRewardsCountUnits() {
        rule(Map.of("name", "Cashback except gift cards", "profile", "ORDER_PAID",
                "conditions", Map.of("excludeCategories", List.of("Gift cards")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "10.00"))));
        rule(Map.of("name", "Balls give 7 each", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PER_PRODUCT",
                        "perSku", Map.of("BALL", "7.00")))));
        String buyer = newMember();
        paid(buyer, order("ord-" + buyer, "600.00", line("BALL", "balls", "100.00", 3),
                line("GC-100", "gift cards", "300.00", 1))).then().statusCode(200)
                .body("accruals.find { it.description.startsWith('Cashback') }.amount", equalTo("30.00"))
                .body("accruals.find { it.description.startsWith('Balls') }.amount", equalTo("21.00"));
        assertEquals("51.00", available(buyer));
    }

    @Test
    void conditionsOnTheOrderDecideWhetherARuleApplies() {
        rule(Map.of("name", "Big first orders with a coupon", "profile", "ORDER_PAID",
                "conditions", Map.of("minOrderAmount", "500.00", "firstOrderOnly", true),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "100.00"))));
        String buyer = newMember();
        paid(buyer, order("small-" + buyer, "499.99")).then().body("accruals", hasSize(0));
        paid(buyer, order("big-" + buyer, "500.00")).then().body("accruals", hasSize(0));
        String newcomer = newMember();
        paid(newcomer, order("big-" + newcomer, "500.00")).then().body("accruals[0].amount", equalTo("100.00"));
    }

    @Test
    void rightsHoldersEarnOnTheLinesNamingThem() {
        rule(Map.of("name", "Suppliers 3 %", "profile", "RIGHTS_HOLDER",
                "rewards", List.of(Map.of("recipient", "RIGHTS_HOLDER", "type", "PERCENT", "value", "3.00"))));
        String supplier = newMember();
        String buyer = newMember();
        paid(buyer, order("ord-" + buyer, "900.00",
                Map.of("sku", "SKI", "category", "ski", "price", "333.33", "quantity", 2, "rightsHolder", supplier),
                line("POLE", "ski", "233.34", 1))).then().statusCode(200)
                .body("accruals[0].memberId", equalTo(supplier))
                .body("accruals[0].role", equalTo("RIGHTS_HOLDER"))
                .body("accruals[0].amount", equalTo("20.00"));
        assertEquals("20.00", available(supplier));
        assertEquals("0.00", available(buyer));
    }

    @Test
    void achievementsArePaidOnceWhenTheThresholdIsReached() {
        rule(Map.of("name", "Big spender", "profile", "USER_ACHIEVEMENT",
                "conditions", Map.of("threshold", Map.of("metric", "TOTAL_SPENT", "value", "20000.00")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"))));
        rule(Map.of("name", "Two paying friends", "profile", "REFERRER_ACHIEVEMENT",
                "conditions", Map.of("threshold", Map.of("metric", "PAYING_REFERRALS", "value", "2")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "1000.00"))));
        String referrer = newMember();
        String buyer = registered(referrer);
        paid(buyer, order("a-" + buyer, "15000.00")).then().body("accruals", hasSize(0));
        paid(buyer, order("b-" + buyer, "5000.00")).then().body("accruals[0].amount", equalTo("500.00"))
                .body("accruals[0].profile", equalTo("USER_ACHIEVEMENT"));
        paid(buyer, order("c-" + buyer, "5000.00")).then().body("accruals", hasSize(0));
        assertEquals("500.00", available(buyer));
        assertEquals("0.00", available(referrer));
        String friend = registered(referrer);
        paid(friend, order("a-" + friend, "10.00")).then()
                .body("accruals.find { it.memberId == '" + referrer + "' }.amount", equalTo("1000.00"));
        String third = registered(referrer);
        paid(third, order("a-" + third, "10.00")).then().body("accruals", hasSize(0));
        assertEquals("1000.00", available(referrer));
    }

    @Test
    void aBlockedMemberEarnsNothingButTheirReferrerStillDoes() {
        rule(Map.of("name", "Cashback and referral", "profile", "ORDER_PAID", "rewards", List.of(
                Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"),
                Map.of("recipient", "REFERRER", "type", "PERCENT", "levels", levels("5.00")))));
        String referrer = newMember();
        String buyer = registered(referrer);
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", buyer).then().statusCode(200);
        paid(buyer, order("ord-" + buyer, "100.00")).then().statusCode(200)
                .body("accruals", hasSize(1)).body("accruals[0].memberId", equalTo(referrer))
                .body("skipped[0].reason", equalTo("the member is blocked"));
        assertEquals("5.00", available(referrer));
    }

    @Test
    void editingARuleDoesNotChangeWhatItAlreadyGranted() {
        String id = rule(Map.of("name", "Cashback", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
        String buyer = newMember();
        paid(buyer, order("a-" + buyer, "100.00")).then().body("accruals[0].ruleVersion", equalTo(1))
                .body("accruals[0].amount", equalTo("5.00"));
        String firstVersion = shop().get("/v1/members/{id}/transactions", buyer).then().extract()
                .path("items[0].ruleVersionId");
        admin().header("If-Match", "\"1\"").body(Map.of("name", "Cashback", "profile", "ORDER_PAID",
                        "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "8.00"))))
                .put("/v1/admin/rules/{id}", id).then().statusCode(200);
        paid(buyer, order("b-" + buyer, "100.00")).then().body("accruals[0].ruleVersion", equalTo(2))
                .body("accruals[0].amount", equalTo("8.00"));
        shop().get("/v1/members/{id}/transactions", buyer).then()
                .body("items[1].ruleVersionId", equalTo(firstVersion))
                .body("items[1].amount", equalTo("5.00"))
                .body("items[0].amount", equalTo("8.00"));
        assertNotEquals(firstVersion, shop().get("/v1/members/{id}/transactions", buyer).then().extract()
                .path("items[0].ruleVersionId"));
        assertEquals("13.00", available(buyer));
    }

    @Test
    void aRuleOutsideItsValidityPeriodPaysNothing() {
        rule(Map.of("name", "Black Friday", "profile", "ORDER_PAID",
                "validFrom", clock.now().plus(Duration.ofDays(1)).toString(),
                "validTo", clock.now().plus(Duration.ofDays(2)).toString(),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "50.00"))));
        String buyer = newMember();
        paid(buyer, order("a-" + buyer, "100.00")).then().body("accruals", hasSize(0));
        clock.advance(Duration.ofDays(1).plusHours(1));
        paid(buyer, order("b-" + buyer, "100.00")).then().body("accruals[0].amount", equalTo("50.00"));
        clock.advance(Duration.ofDays(1));
        paid(buyer, order("c-" + buyer, "100.00")).then().body("accruals", hasSize(0));
    }

    @Test
    void anExpiryDateEndsAtMidnightUtcAndAMonthIsACalendarMonth() {
        rule(Map.of("name", "Cashback until the new year", "profile", "ORDER_PAID", "expiresOn", "2099-12-31",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "1.00"))));
        rule(Map.of("name", "Cashback for a month", "profile", "ORDER_PAID", "lifetimeMonths", 1,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "2.00"))));
        String member = registered(null);
        var accruals = paid(member, order("ord-" + member, "1000.00")).then().statusCode(200)
                .body("accruals", hasSize(2)).extract().jsonPath();
        java.util.Map<String, String> expiries = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            expiries.put(accruals.getString("accruals[" + i + "].amount"),
                    accruals.getString("accruals[" + i + "].expiresAt"));
        }
        assertEquals("2100-01-01T00:00:00Z", expiries.get("10.00"));
        java.time.Instant from = java.time.Instant.parse(accruals.getString("accruals[0].availableFrom"));
        assertEquals(from.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant(),
                java.time.Instant.parse(expiries.get("20.00")));
    }

    @Test
    void aRuleGivesAtMostOneLifetimeOrExpiryDate() {
        Map<String, Object> reward = Map.of("recipient", "MEMBER", "type", "FIXED", "value", "5.00");
        admin().body(Map.of("name", "x", "profile", "REGISTRATION", "lifetimeDays", 30, "lifetimeMonths", 1,
                "rewards", List.of(reward))).post("/v1/admin/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("lifetimeMonths"));
        admin().body(Map.of("name", "x", "profile", "REGISTRATION", "lifetimeMonths", 1, "expiresOn", "2099-01-01",
                "rewards", List.of(reward))).post("/v1/admin/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("expiresOn"));
        admin().body(Map.of("name", "x", "profile", "REGISTRATION", "lifetimeMonths", 1201,
                "rewards", List.of(reward))).post("/v1/admin/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("lifetimeMonths"));
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private long mails(String member, String kind) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id"
                        + " WHERE m.external_id = ?1 AND n.kind = ?2").setParameter(1, member).setParameter(2, kind)
                .getSingleResult()).longValue());
    }

    @Test
    void aRulesNotificationSwitchesDecideWhoIsEmailedAndWebhooksStillHearOfEveryCredit() {
        rule(Map.of("name", "Quiet cashback, loud referral", "profile", "ORDER_PAID",
                "notifications", Map.of("member", false, "referrer", true),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"),
                        Map.of("recipient", "REFERRER", "type", "PERCENT", "levels", levels("3.00")))));
        String referrer = registered(null);
        String customer = registered(referrer);
        paid(customer, order("ord-" + customer, "1000.00")).then().statusCode(200).body("accruals", hasSize(2));

        assertEquals(0, mails(customer, "BONUS_ACCRUED"), "the rule turned the member's email off");
        assertEquals(1, mails(referrer, "BONUS_ACCRUED"), "and the referrer's on");
        String payload = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT e.payload FROM domain_event e JOIN member m ON m.id = e.member_id"
                        + " WHERE m.external_id = ?1 AND e.type = 'BONUS_ACCRUED'").setParameter(1, customer)
                .getSingleResult());
        assertEquals(true, payload.contains("\"notified\":false"), payload);
    }
}
