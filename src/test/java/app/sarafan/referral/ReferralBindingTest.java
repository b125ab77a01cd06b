package app.sarafan.referral;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferralBindingTest extends ApiTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    static String codeOf(String externalId) {
        return shop().get("/v1/members/{id}/referral", externalId).then().statusCode(200).extract().path("code");
    }

    static String register(Map<String, Object> attribution) {
        return register(attribution, null);
    }

    static String register(Map<String, Object> attribution, String email) {
        String externalId = "cust-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", externalId);
        body.put("email", email == null ? externalId + "@example.com" : email);
        body.put("attribution", attribution);
        shop().body(body).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    static String referrerOf(String externalId) {
        return shop().get("/v1/members/{id}/referral", externalId).then().extract().path("referrerExternalId");
    }

    static io.restassured.response.ValidatableResponse bindLater(String externalId, Map<String, Object> attribution) {
        return shop().body(attribution).post("/v1/members/{id}/referral/bind", externalId).then().statusCode(200);
    }

    @Test
    void aReferralCodeAtRegistrationBindsCaseInsensitively() {
        String anna = newMember();
        String code = codeOf(anna);
        assertEquals(8, code.length());
        org.junit.jupiter.api.Assertions.assertTrue(code.matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}"));
        String boris = register(Map.of("referralCode", code.toLowerCase()));
        shop().get("/v1/members/{id}/referral", boris).then()
                .body("referrerExternalId", equalTo(anna))
                .body("boundVia", equalTo("LINK"))
                .body("reviewStatus", equalTo("NONE"));
        long registered = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("""
                        SELECT count(*) FROM domain_event e JOIN member m ON m.id = e.member_id
                        WHERE e.type = 'REFERRAL_REGISTERED' AND m.external_id = ?1 AND e.payload LIKE ?2""")
                .setParameter(1, anna).setParameter(2, "%" + boris + "%").getSingleResult()).longValue());
        assertEquals(1, registered, "the referrer's REFERRAL_REGISTERED event is in the outbox");
        member(anna).get("/v1/me/referral").then().statusCode(200)
                .body("code", equalTo(code))
                .body("link", equalTo("https://shop.example/?ref=" + code));
    }

    @Test
    void aCouponAtRegistrationBindsToItsOwnerAndADeactivatedOneDoesNot() {
        String anna = newMember();
        String coupon = member(anna).post("/v1/me/coupons").then().statusCode(201)
                .body("active", equalTo(true)).extract().path("code");
        shop().get("/v1/coupons/{code}", coupon.toLowerCase()).then().statusCode(200)
                .body("valid", equalTo(true)).body("ownerExternalId", equalTo(anna))
                .body("discountText", equalTo("10% off your first order"));
        String boris = register(Map.of("couponCode", coupon));
        assertEquals(anna, referrerOf(boris));
        shop().get("/v1/members/{id}/referral", boris).then().body("boundVia", equalTo("COUPON"));

        member(anna).post("/v1/me/coupons/{code}/deactivate", coupon).then().statusCode(200)
                .body("active", equalTo(false));
        shop().get("/v1/coupons/{code}", coupon).then().body("valid", equalTo(false));
        String carl = register(Map.of("couponCode", coupon));
        assertEquals(null, referrerOf(carl));
        shop().get("/v1/coupons/{code}", "SAR-NOSUCH").then().statusCode(404);
    }

    @Test
    void aVisitorsVisitBindsTheirRegistrationWithinTheWindowLastTouchWinning() {
        String anna = newMember();
        String boris = newMember();
        String visitor = UUID.randomUUID().toString();
        shop().body(Map.of("visitorId", visitor, "landingUrl", "https://shop.example/?ref=" + codeOf(anna)))
                .post("/v1/visits").then().statusCode(201)
                .body("attributedTo", equalTo(anna)).body("via", equalTo("LINK"));
        clock.advance(Duration.ofDays(2));
        shop().body(Map.of("visitorId", visitor, "referralCode", codeOf(boris))).post("/v1/visits").then()
                .statusCode(201).body("attributedTo", equalTo(boris));
        shop().body(Map.of("visitorId", visitor, "landingUrl", "https://shop.example/catalog")).post("/v1/visits")
                .then().statusCode(201).body("attributedTo", nullValue());

        String newcomer = register(Map.of("visitorId", visitor));
        assertEquals(boris, referrerOf(newcomer), "the last attributed visit wins");

        String lateVisitor = UUID.randomUUID().toString();
        shop().body(Map.of("visitorId", lateVisitor, "referralCode", codeOf(anna))).post("/v1/visits").then()
                .statusCode(201);
        clock.advance(Duration.ofDays(31));
        String late = register(Map.of("visitorId", lateVisitor));
        assertEquals(null, referrerOf(late), "outside the 30-day window nobody is credited");
    }

    @Test
    void nobodyRefersThemselfNorSomeoneWithTheSameEmail() {
        String anna = newMember();
        bindLater(anna, Map.of("referralCode", codeOf(anna))).body("outcome", equalTo("SELF_REFERRAL"));
        String twin = register(Map.of("referralCode", codeOf(anna)), anna.toUpperCase() + "@EXAMPLE.COM");
        assertEquals(null, referrerOf(twin));
        assertEquals(null, referrerOf(anna));
    }

    @Test
    void aBindingThatWouldCloseACycleIsRefused() {
        String anna = newMember();
        String boris = register(Map.of("referralCode", codeOf(anna)));
        String carl = register(Map.of("referralCode", codeOf(boris)));
        bindLater(anna, Map.of("referralCode", codeOf(carl))).body("outcome", equalTo("CYCLE"));
        bindLater(anna, Map.of("referralCode", codeOf(boris))).body("outcome", equalTo("CYCLE"));
        assertEquals(null, referrerOf(anna));
        shop().get("/v1/members/{id}/network", anna).then().body("total", equalTo(2));
    }

    @Test
    void aMemberIsBoundOnceAndNeverToABlockedReferrer() {
        String anna = newMember();
        String boris = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", anna).then().statusCode(200);
        String carl = newMember();
        bindLater(carl, Map.of("referralCode", codeOf(anna))).body("outcome", equalTo("REFERRER_BLOCKED"));
        bindLater(carl, Map.of("referralCode", codeOf(boris))).body("outcome", equalTo("BOUND"))
                .body("referrerExternalId", equalTo(boris));
        String dora = newMember();
        bindLater(carl, Map.of("referralCode", codeOf(dora))).body("outcome", equalTo("ALREADY_BOUND"))
                .body("referrerExternalId", equalTo(boris));
        bindLater(carl, Map.of("referralCode", "NOSUCH22")).body("outcome", equalTo("ALREADY_BOUND"));
        bindLater(newMember(), Map.of("referralCode", "NOSUCH22")).body("outcome", equalTo("UNKNOWN_CODE"));
        String coupon = member(boris).post("/v1/me/coupons").then().statusCode(201).extract().path("code");
        bindLater(newMember(), Map.of("referralCode", "", "couponCode", coupon))
                .body("outcome", equalTo("BOUND")).body("via", equalTo("COUPON"));
        String blocked = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", blocked).then().statusCode(200);
        bindLater(blocked, Map.of("referralCode", codeOf(boris))).body("outcome", equalTo("MEMBER_BLOCKED"));
    }

    @Test
    void aMemberBoundLaterBringsTheirOwnNetworkAlong() {
        String anna = newMember();
        String boris = newMember();
        register(Map.of("referralCode", codeOf(boris)));
        bindLater(boris, Map.of("referralCode", codeOf(anna))).body("outcome", equalTo("BOUND"));
        shop().get("/v1/members/{id}/network", anna).then()
                .body("total", equalTo(2))
                .body("levels.level", equalTo(List.of(1, 2)))
                .body("levels.members", equalTo(List.of(1, 1)));
    }

    @Test
    void suspiciousBindingsAreFlaggedAndAnAdministratorDecides() {
        String anna = newMember();
        bindLater(anna, Map.of("ip", "203.0.113.7", "deviceId", "device-1"));
        String boris = register(Map.of("referralCode", codeOf(anna), "ip", "203.0.113.7"));
        shop().get("/v1/members/{id}/referral", boris).then()
                .body("reviewStatus", equalTo("FLAGGED"))
                .body("reviewReasons", hasItem("same IP address as the referrer"));
        String carl = register(Map.of("referralCode", codeOf(anna), "deviceId", "device-1"));

        admin().get("/v1/admin/referral-reviews").then().statusCode(200)
                .body("items.externalId", hasItem(boris)).body("items.externalId", hasItem(carl));
        admin().post("/v1/admin/referral-reviews/{id}/approve", boris).then().statusCode(200)
                .body("reviewStatus", equalTo("APPROVED")).body("referrerExternalId", equalTo(anna));
        admin().post("/v1/admin/referral-reviews/{id}/reject", carl).then().statusCode(200)
                .body("reviewStatus", equalTo("REJECTED")).body("referrerExternalId", nullValue());
        admin().post("/v1/admin/referral-reviews/{id}/reject", boris).then().statusCode(409)
                .body("type", endsWith("/wrong-state"));
        shop().get("/v1/members/{id}/network", anna).then().body("total", equalTo(1));
        bindLater(carl, Map.of("referralCode", codeOf(newMember()))).body("outcome", equalTo("REJECTED_IN_REVIEW"));
        shop().post("/v1/admin/referral-reviews/{id}/approve", boris).then().statusCode(403);
    }

    @Test
    void manyRegistrationsFromOneVisitorAreFlagged() {
        String anna = newMember();
        String visitor = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            register(Map.of("visitorId", visitor));
        }
        String fourth = register(Map.of("visitorId", visitor, "referralCode", codeOf(anna)));
        shop().get("/v1/members/{id}/referral", fourth).then().body("reviewStatus", equalTo("FLAGGED"));
    }
}
