package app.sarafan.referral;

import static app.sarafan.referral.ReferralBindingTest.codeOf;
import static app.sarafan.referral.ReferralBindingTest.register;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferralNetworkTest extends ApiTest {

    private static String namedMember(String name, Map<String, Object> attribution) {
        String externalId = "cust-" + java.util.UUID.randomUUID();
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("externalId", externalId);
        body.put("email", externalId + "@example.com");
        body.put("name", name);
        if (attribution != null) {
            body.put("attribution", attribution);
        }
        shop().body(body).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    @Test
    void aFourLevelChainIsCountedPerLevel() {
        String a = newMember();
        String b = register(Map.of("referralCode", codeOf(a)));
        String c = register(Map.of("referralCode", codeOf(b)));
        String d = register(Map.of("referralCode", codeOf(c)));
        register(Map.of("referralCode", codeOf(d)));
        register(Map.of("referralCode", codeOf(b)));

        member(a).get("/v1/me/network").then().statusCode(200)
                .body("total", equalTo(5))
                .body("levels.level", equalTo(List.of(1, 2, 3, 4)))
                .body("levels.members", equalTo(List.of(1, 2, 1, 1)))
                .body("levels.paying", equalTo(List.of(0, 0, 0, 0)));
        member(c).get("/v1/me/network").then()
                .body("levels.members", equalTo(List.of(1, 1)));
        member(register(Map.of())).get("/v1/me/network").then()
                .body("total", equalTo(0)).body("levels.size()", equalTo(0));
    }

    @jakarta.inject.Inject
    ReferralTree tree;

    @jakarta.inject.Inject
    app.sarafan.member.MemberService members;

    @Test
    void payingReferralsAreCountedPerLevelOnce() {
        String a = newMember();
        String b = register(Map.of("referralCode", codeOf(a)));
        String c = register(Map.of("referralCode", codeOf(b)));
        register(Map.of("referralCode", codeOf(b)));
        tree.markFirstPayment(members.ref(c).id(), clock.now());
        tree.markFirstPayment(members.ref(c).id(), clock.now());
        member(a).get("/v1/me/network").then()
                .body("levels.members", equalTo(List.of(1, 2)))
                .body("levels.paying", equalTo(List.of(0, 1)));
        tree.markFirstPayment(members.ref(b).id(), clock.now());
        member(a).get("/v1/me/network").then().body("levels.paying", equalTo(List.of(1, 1)));
        member(b).get("/v1/me/network/levels/1").then().body("items.paid", org.hamcrest.Matchers.hasItem(true));
        String newcomer = newMember();
        tree.markFirstPayment(members.ref(newcomer).id(), clock.now());
        ReferralBindingTest.bindLater(newcomer, Map.of("referralCode", codeOf(a)));
        member(a).get("/v1/me/network").then().body("levels.paying", equalTo(List.of(2, 1)));
    }

    @Test
    void aLevelListsMembersWithMaskedNamesPageByPage() {
        String anna = namedMember("Anna Petrova", null);
        for (String name : List.of("Ivan Sidorov", "Olga Smirnova", "Pyotr Ivanov")) {
            namedMember(name, Map.of("referralCode", codeOf(anna)));
        }
        var first = member(anna).queryParam("limit", "2").get("/v1/me/network/levels/1").then().statusCode(200)
                .body("items.displayName", equalTo(List.of("Pyotr I.", "Olga S.")))
                .body("items[0].paid", equalTo(false))
                .body("items[0].brought", equalTo("0.00"))
                .body("items[0].level", equalTo(1))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        member(anna).queryParam("cursor", first).get("/v1/me/network/levels/1").then()
                .body("items.displayName", equalTo(List.of("Ivan S.")))
                .body("nextCursor", nullValue());
        member(anna).get("/v1/me/network/levels/0").then().statusCode(400).body("errors[0].field", equalTo("level"));
        member(anna).get("/v1/me/network/levels/2").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aMemberCannotSeeAnotherMembersNetwork() {
        String anna = newMember();
        register(Map.of("referralCode", codeOf(anna)));
        String boris = newMember();
        member(boris).get("/v1/me/network").then().body("total", equalTo(0));
        member(boris).get("/v1/members/{id}/network", anna).then().statusCode(403);
        member(boris).get("/v1/members/{id}/referral", anna).then().statusCode(403);
        io.restassured.RestAssured.given().get("/v1/me/network").then().statusCode(401);
        shop().get("/v1/members/{id}/network", anna).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void statisticsCountClicksRegistrationsAndConversion() {
        String anna = newMember();
        String code = codeOf(anna);
        for (int i = 0; i < 4; i++) {
            shop().body(Map.of("visitorId", "v-" + java.util.UUID.randomUUID(), "referralCode", code))
                    .post("/v1/visits").then().statusCode(201);
        }
        register(Map.of("referralCode", code));
        member(anna).get("/v1/me/referral-stats").then().statusCode(200)
                .body("clicks", equalTo(4))
                .body("registrations", equalTo(1))
                .body("payingReferrals", equalTo(0))
                .body("registrationConversion", equalTo("25.00"))
                .body("payingConversion", equalTo("0.00"))
                .body("earned", equalTo("0.00"));
        member(anna).queryParam("from", "2001-01-01T00:00:00Z").queryParam("to", "2001-02-01T00:00:00Z")
                .get("/v1/me/referral-stats").then().body("clicks", equalTo(0));
        member(anna).queryParam("from", "soon").get("/v1/me/referral-stats").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void aMemberHoldsAtMostTheConfiguredNumberOfActiveCoupons() {
        String anna = newMember();
        String first = null;
        for (int i = 0; i < 5; i++) {
            String code = member(anna).post("/v1/me/coupons").then().statusCode(201).extract().path("code");
            first = first == null ? code : first;
            org.junit.jupiter.api.Assertions.assertTrue(code.matches("SAR-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}"), code);
        }
        member(anna).post("/v1/me/coupons").then().statusCode(409).body("type", endsWith("/limit-reached"));
        String boris = newMember();
        member(boris).post("/v1/me/coupons/{code}/deactivate", first).then().statusCode(404);
        member(anna).post("/v1/me/coupons/{code}/deactivate", first).then().statusCode(200);
        member(anna).post("/v1/me/coupons").then().statusCode(201);
        member(anna).get("/v1/me/coupons").then().statusCode(200).body("items.size()", equalTo(6));
        member(boris).get("/v1/me/coupons").then().body("items.size()", equalTo(0));
    }
}
