package app.sarafan.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import app.sarafan.support.TestRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest extends ApiTest {

    private static final String CARD = "4111 1111 1111 1111";

    private final TestRules rules = new TestRules();

    @Inject
    EntityManager em;

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    /** The audit entries about one entity, newest first. */
    private static List<Map<String, Object>> entries(String entityType, String entityId) {
        return admin().queryParam("entityType", entityType).queryParam("entityId", entityId).queryParam("limit", 100)
                .get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static JsonPath only(String entityType, String entityId, String action) {
        JsonPath page = admin().queryParam("entityType", entityType).queryParam("entityId", entityId)
                .queryParam("action", action).get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getList("items").size(), action + " entries about " + entityType + " " + entityId);
        return new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    private static Map<String, Object> referralRule(String percent) {
        return Map.of("name", "Audit referral", "profile", "ORDER_PAID", "active", false,
                "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", List.of(Map.of("level", 1, "value", percent)))));
    }

    @Test
    void aRuleUpdateWritesOneEntryWithTheOldAndTheNewPercent() {
        String id = admin().body(referralRule("5.00")).post("/v1/admin/rules").then().statusCode(201)
                .extract().path("id");
        admin().header("If-Match", "\"1\"").body(referralRule("7.00")).put("/v1/admin/rules/{id}", id).then()
                .statusCode(200);

        List<Map<String, Object>> log = entries("RULE", id);
        assertEquals(List.of("RULE_UPDATED", "RULE_CREATED"), log.stream().map(e -> e.get("action")).toList());
        JsonPath updated = only("RULE", id, "RULE_UPDATED");
        assertEquals("5.00", updated.getString("before.definition.rewards[0].levels[0].value"));
        assertEquals("7.00", updated.getString("after.definition.rewards[0].levels[0].value"));
        assertEquals(1, updated.getInt("before.version"));
        assertEquals(2, updated.getInt("after.version"));
        assertTrue(updated.getString("actor").startsWith("admin:"), "the actor is the admin key's fingerprint");
        assertNotNull(updated.getString("createdAt"));
        JsonPath created = only("RULE", id, "RULE_CREATED");
        assertNull(created.get("before"));
        assertEquals("5.00", created.getString("after.definition.rewards[0].levels[0].value"));
    }

    private long storedEntries() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM audit_entry").getSingleResult()).longValue());
    }

    @Test
    void aRefusedChangeWritesNothing() {
        String member = newMember();
        String id = admin().body(referralRule("5.00")).post("/v1/admin/rules").then().statusCode(201)
                .extract().path("id");
        long before = storedEntries();
        admin().header("If-Match", "\"7\"").body(referralRule("9.00")).put("/v1/admin/rules/{id}", id).then()
                .statusCode(412);
        Map<String, Object> invalid = new HashMap<>(referralRule("5.00"));
        invalid.put("profile", "WITHDRAWAL");
        admin().header("If-Match", "\"1\"").body(invalid).put("/v1/admin/rules/{id}", id).then().statusCode(400);
        admin().body(Map.of("code", "GOLD_" + suffix(), "name", "", "position", 5000)).post("/v1/admin/ranks")
                .then().statusCode(400);
        adjust(member, Map.of("type", "DEBIT", "amount", "10.00", "reason", "too much")).then().statusCode(409);
        admin().body(Map.of("title", "T", "body", "{unknown}", "locale", "en")).post("/v1/admin/promo-materials")
                .then().statusCode(400);
        admin().post("/v1/admin/withdrawals/{id}/approve", "999999999").then().statusCode(404);

        assertEquals(before, storedEntries(), "refused changes write no entry");
        assertEquals(1, entries("RULE", id).size(), "only the creation");
        assertEquals(0, admin().queryParam("actor", "nobody").get("/v1/admin/audit-log").then().statusCode(200)
                .extract().jsonPath().getList("items").size());
    }

    @Test
    void everyAdminChangeWritesOneEntryWithBeforeAndAfter() {
        String rank = "AUDIT_" + suffix();
        admin().body(Map.of("code", rank, "name", "Audit", "position", 900 + (int) (Math.random() * 100),
                "minTotalPaid", "999999999.00")).post("/v1/admin/ranks").then().statusCode(201);
        var rankView = admin().get("/v1/admin/ranks/{code}", rank).then().extract().jsonPath();
        Map<String, Object> renamed = new HashMap<>(Map.of("code", rank, "name", "Audit renamed",
                "position", rankView.getInt("position"), "minTotalPaid", "999999999.00"));
        admin().header("If-Match", "\"1\"").body(renamed).put("/v1/admin/ranks/{code}", rank).then().statusCode(200);
        only("RANK", rank, "RANK_CREATED");
        JsonPath rankUpdated = only("RANK", rank, "RANK_UPDATED");
        assertEquals("Audit", rankUpdated.getString("before.name"));
        assertEquals("Audit renamed", rankUpdated.getString("after.name"));

        String award = "AUDIT_" + suffix();
        admin().body(Map.of("code", award, "name", "Audit award")).post("/v1/admin/awards").then().statusCode(201);
        admin().header("If-Match", "\"1\"").body(Map.of("code", award, "name", "Audit award 2"))
                .put("/v1/admin/awards/{code}", award).then().statusCode(200);
        only("AWARD", award, "AWARD_CREATED");
        assertEquals("Audit award 2", only("AWARD", award, "AWARD_UPDATED").getString("after.name"));

        String member = newMember();
        admin().body(Map.of("award", award, "reason", "helped")).post("/v1/admin/members/{id}/awards", member)
                .then().statusCode(201);
        admin().body(Map.of("reason", "by mistake")).post("/v1/admin/members/{id}/awards/{code}/revoke", member, award)
                .then().statusCode(200);
        JsonPath granted = only("MEMBER_AWARD", member + "/" + award, "AWARD_GRANTED");
        assertNull(granted.get("before"));
        JsonPath revoked = only("MEMBER_AWARD", member + "/" + award, "AWARD_REVOKED");
        assertNull(revoked.get("before.revokedAt"));
        assertNotNull(revoked.get("after.revokedAt"));

        String tx = adjust(member, Map.of("type", "CREDIT", "amount", "120.00", "reason", "goodwill")).then()
                .statusCode(201).extract().path("transaction.id");
        JsonPath adjustment = only("ADJUSTMENT", tx, "ADJUSTMENT_CREATED");
        assertEquals("0.00", adjustment.getString("before.available"));
        assertEquals("120.00", adjustment.getString("after.balance.available"));
        assertEquals("120.00", adjustment.getString("after.transaction.amount"));

        String material = admin().body(promo("Bikes"))
                .post("/v1/admin/promo-materials").then().statusCode(201).extract().path("id");
        admin().header("If-Match", "\"1\"").body(promo("Bikes!"))
                .put("/v1/admin/promo-materials/{id}", material).then().statusCode(200);
        admin().delete("/v1/admin/promo-materials/{id}", material).then().statusCode(204);
        assertEquals(List.of("PROMO_MATERIAL_DELETED", "PROMO_MATERIAL_UPDATED", "PROMO_MATERIAL_CREATED"),
                entries("PROMO_MATERIAL", material).stream().map(e -> e.get("action")).toList());
        JsonPath deleted = only("PROMO_MATERIAL", material, "PROMO_MATERIAL_DELETED");
        assertEquals("Bikes!", deleted.getString("before.title"));
        assertNull(deleted.get("after"));

        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", member).then().statusCode(200);
        shop().post("/v1/members/{id}/unblock", member).then().statusCode(200);
        JsonPath blocked = only("MEMBER", member, "MEMBER_BLOCKED");
        assertTrue(blocked.getString("actor").startsWith("shop:"), "a shop's block names the shop key");
        assertEquals("ACTIVE", blocked.getString("before.status"));
        assertEquals("BLOCKED", blocked.getString("after.status"));
        assertEquals("ACTIVE", only("MEMBER", member, "MEMBER_UNBLOCKED").getString("after.status"));

        admin().get("/v1/admin/audit-log").then().statusCode(200);
        String run = admin().get("/v1/admin/audit-log?action=RANK_RECALCULATION_RUN").then().extract()
                .path("items[0].id");
        admin().post("/v1/admin/ranks/recalculations").then().statusCode(200);
        String newest = admin().get("/v1/admin/audit-log?action=RANK_RECALCULATION_RUN").then()
                .body("items[0].entityType", equalTo("RANK_RECALCULATION")).extract().path("items[0].id");
        assertTrue(run == null || !run.equals(newest), "the run wrote an entry");
    }

    @Test
    void couponFormatImportsAndReferralReviewsAreAudited() {
        var format = admin().get("/v1/admin/settings/coupons").then().statusCode(200).extract();
        String etag = format.header("ETag");
        Map<String, Object> current = format.jsonPath().getMap("format");
        admin().header("If-Match", etag).body(current).put("/v1/admin/settings/coupons").then().statusCode(200);
        String newest = admin().queryParam("action", "COUPON_FORMAT_UPDATED").get("/v1/admin/audit-log").then()
                .statusCode(200).extract().path("items[0].after.version").toString();
        assertEquals(String.valueOf(Integer.parseInt(etag.replace("\"", "")) + 1), newest);

        String csv = "externalId,referrerExternalId,email,name\naudit-" + suffix() + ",,a@example.com,Anna\n";
        String location = io.restassured.RestAssured.given().header("X-Api-Key", ADMIN_KEY).contentType("text/csv")
                .body(csv).post("/v1/admin/imports").then().statusCode(202).extract().header("Location");
        String importId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(1, only("IMPORT", importId, "IMPORT_CREATED").getInt("after.total"));

        String anna = newMember();
        String ip = "198.51.100." + (int) (Math.random() * 250 + 1);
        shop().body(Map.of("ip", ip)).post("/v1/members/{id}/referral/bind", anna).then().statusCode(200);
        String code = shop().get("/v1/members/{id}/referral", anna).then().extract().path("code");
        String boris = "cust-" + UUID.randomUUID();
        shop().body(Map.of("externalId", boris, "email", boris + "@example.com",
                "attribution", Map.of("referralCode", code, "ip", ip))).post("/v1/members").then().statusCode(201);
        admin().post("/v1/admin/referral-reviews/{id}/reject", boris).then().statusCode(200);
        JsonPath rejected = only("REFERRAL_REVIEW", boris, "REFERRAL_REVIEW_REJECTED");
        assertEquals("FLAGGED", rejected.getString("before.reviewStatus"));
        assertEquals(anna, rejected.getString("before.referrerExternalId"));
        assertEquals("REJECTED", rejected.getString("after.reviewStatus"));
    }

    @Test
    void withdrawalDecisionsAreAuditedWithoutPayoutDetails() {
        rules.activate(Map.of("name", "Withdrawals", "profile", "WITHDRAWAL", "withdrawal", Map.of("minAmount", "1.00")));
        String member = newMember();
        credit(member, "500.00");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(member(member).contentType("application/json")
                    .body(Map.of("amount", "100.00", "payoutMethod", "BANK_CARD", "payoutDetails", CARD))
                    .post("/v1/me/withdrawals").then().statusCode(201).extract().path("id"));
        }
        admin().post("/v1/admin/withdrawals/{id}/approve", ids.get(0)).then().statusCode(200);
        admin().post("/v1/admin/withdrawals/{id}/mark-paid", ids.get(0)).then().statusCode(200);
        admin().body(Map.of("reason", "the card is closed")).contentType("application/json")
                .post("/v1/admin/withdrawals/{id}/reject", ids.get(1)).then().statusCode(200);
        admin().post("/v1/admin/withdrawals/{id}/approve", ids.get(0)).then().statusCode(409);

        JsonPath approved = only("WITHDRAWAL", ids.get(0), "WITHDRAWAL_APPROVED");
        assertEquals("REQUESTED", approved.getString("before.status"));
        assertEquals("APPROVED", approved.getString("after.status"));
        assertEquals("****1111", approved.getString("after.payoutDetails"));
        assertEquals("PAID", only("WITHDRAWAL", ids.get(0), "WITHDRAWAL_MARKED_PAID").getString("after.status"));
        assertEquals(2, entries("WITHDRAWAL", ids.get(0)).size());
        assertEquals("REJECTED", only("WITHDRAWAL", ids.get(1), "WITHDRAWAL_REJECTED").getString("after.status"));

        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM audit_entry
                        WHERE entity_type = 'WITHDRAWAL' AND entity_id IN (?1, ?2)""")
                .setParameter(1, ids.get(0)).setParameter(2, ids.get(1)).getSingleResult()).longValue());
        assertEquals(3, stored);
        long leaked = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM audit_entry
                        WHERE before_json LIKE '%4111111111111111%' OR after_json LIKE '%4111111111111111%'
                           OR before_json LIKE '%4111 1111%' OR after_json LIKE '%4111 1111%'""").getSingleResult()).longValue());
        assertEquals(0, leaked, "no audit entry holds the card number");
    }

    @Test
    void onlyAdministratorsReadTheLogAndNobodyChangesIt() {
        String member = newMember();
        String id = admin().body(promo("T")).post("/v1/admin/promo-materials").then().statusCode(201).extract().path("id");
        String entry = only("PROMO_MATERIAL", id, "PROMO_MATERIAL_CREATED").getString("id");

        shop().get("/v1/admin/audit-log").then().statusCode(403);
        shop().get("/v1/admin/audit-log/{id}", entry).then().statusCode(403);
        member(member).get("/v1/admin/audit-log").then().statusCode(403);
        io.restassured.RestAssured.given().get("/v1/admin/audit-log").then().statusCode(401);
        admin().get("/v1/admin/audit-log/{id}", entry).then().statusCode(200)
                .body("entityId", equalTo(id)).body("before", nullValue());
        admin().get("/v1/admin/audit-log/{id}", "999999999").then().statusCode(404);
        admin().body(Map.of("actor", "me")).put("/v1/admin/audit-log/{id}", entry).then().statusCode(405);
        admin().delete("/v1/admin/audit-log/{id}", entry).then().statusCode(405);

        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE audit_entry SET actor = 'someone else' WHERE id = ?1").setParameter(1, Long.valueOf(entry))
                .executeUpdate()));
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM audit_entry WHERE id = ?1").setParameter(1, Long.valueOf(entry)).executeUpdate()));
        admin().get("/v1/admin/audit-log/{id}", entry).then().statusCode(200).body("actor", equalTo(
                only("PROMO_MATERIAL", id, "PROMO_MATERIAL_CREATED").getString("actor")));
    }

    @Test
    void filtersAndPagesNewestFirst() {
        List<String> materials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            materials.add(admin().body(promo("Page " + i))
                    .post("/v1/admin/promo-materials").then().statusCode(201).extract().path("id"));
        }
        String actor = only("PROMO_MATERIAL", materials.get(0), "PROMO_MATERIAL_CREATED").getString("actor");
        String from = only("PROMO_MATERIAL", materials.get(0), "PROMO_MATERIAL_CREATED").getString("createdAt");

        JsonPath first = admin().queryParam("actor", actor).queryParam("entityType", "PROMO_MATERIAL")
                .queryParam("action", "PROMO_MATERIAL_CREATED").queryParam("from", from).queryParam("limit", 2)
                .get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(materials.get(2), materials.get(1)), first.getList("items.entityId"));
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor);
        JsonPath second = admin().queryParam("actor", actor).queryParam("entityType", "PROMO_MATERIAL")
                .queryParam("action", "PROMO_MATERIAL_CREATED").queryParam("from", from).queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath();
        assertEquals(materials.get(0), second.getString("items[0].entityId"));
        assertEquals(0, admin().queryParam("entityType", "PROMO_MATERIAL").queryParam("entityId", materials.get(0))
                .queryParam("to", from).get("/v1/admin/audit-log").then().statusCode(200).extract().jsonPath()
                .getList("items").size(), "to is exclusive");

        admin().queryParam("action", "RULE_DELETED").get("/v1/admin/audit-log").then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        admin().queryParam("entityType", "SPACESHIP").get("/v1/admin/audit-log").then().statusCode(400)
                .body("errors[0].field", equalTo("entityType"));
        admin().queryParam("from", "yesterday").get("/v1/admin/audit-log").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        admin().queryParam("limit", "0").get("/v1/admin/audit-log").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        admin().queryParam("cursor", "nonsense").get("/v1/admin/audit-log").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    /** A material no member is ever shown (it ended long ago), so that other tests' member views stay as they are. */
    @Test
    void massOperationsWebhooksAndJobRunsAreAuditedToo() {
        String member = newMember();
        String location = admin().body(Map.of("type", "CREDIT", "amount", "5.00", "reason", "Audit check",
                        "operationKey", "audit-" + member, "members", List.of(member)))
                .post("/v1/admin/mass-operations").then().statusCode(202).extract().header("Location");
        String operationId = location.substring(location.lastIndexOf('/') + 1);
        only("MASS_OPERATION", operationId, "MASS_OPERATION_STARTED");
        String webhookId = admin().body(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("BONUS_ACCRUED"),
                        "secret", "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"))
                .post("/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        JsonPath created = only("WEBHOOK", webhookId, "WEBHOOK_CREATED");
        assertEquals(false, created.prettify().contains("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"),
                "the webhook secret is masked");
        admin().delete("/v1/admin/webhooks/{id}", webhookId).then().statusCode(204);
        only("WEBHOOK", webhookId, "WEBHOOK_DELETED");
        admin().post("/v1/admin/jobs/{name}/runs", "expiry").then().statusCode(200);
        assertEquals(true, entries("JOB", "expiry").stream().anyMatch(e -> "JOB_RUN".equals(e.get("action"))));
    }

    private static Map<String, Object> promo(String title) {
        return Map.of("title", title, "body", "Ride with {link}", "locale", "en", "activeTo", "2020-01-01T00:00:00Z");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
