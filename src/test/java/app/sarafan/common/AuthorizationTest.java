package app.sarafan.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationTest extends ApiTest {

    @Test
    void everyAudienceIsRefusedWithoutCredentials() {
        String alice = newMember();
        given().get("/v1/members/{id}", alice).then().statusCode(401)
                .contentType("application/problem+json").body("type", endsWith("/unauthorized"));
        given().contentType(ContentType.JSON).body(Map.of("type", "CREDIT", "amount", "1.00", "reason", "x"))
                .post("/v1/admin/members/{id}/adjustments", alice).then().statusCode(401);
        given().get("/v1/me/balance").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("externalId", alice)).post("/v1/member-tokens")
                .then().statusCode(401);
    }

    @Test
    void anUnknownApiKeyIsUnauthorized() {
        given().header("X-Api-Key", "not-a-key").get("/v1/members/{id}", "anyone").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aShopKeyCannotUseAdminEndpointsAndAnAdminKeyCannotActAsTheShop() {
        String alice = newMember();
        shop().body(Map.of("type", "CREDIT", "amount", "1.00", "reason", "x"))
                .post("/v1/admin/members/{id}/adjustments", alice).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/forbidden"));
        admin().body(Map.of("externalId", "cust-by-admin", "email", "a@example.com")).post("/v1/members")
                .then().statusCode(403);
        admin().body(Map.of("externalId", alice)).post("/v1/member-tokens").then().statusCode(403);
        admin().get("/v1/members/{id}", alice).then().statusCode(200);
    }

    @Test
    void aMemberTokenReadsOnlyItsOwnAccount() {
        String alice = newMember();
        String bob = newMember();
        credit(alice, "11.00");
        credit(bob, "22.00");
        member(alice).get("/v1/me").then().statusCode(200).body("externalId", equalTo(alice));
        member(alice).get("/v1/me/balance").then().statusCode(200).body("available", equalTo("11.00"));
        member(alice).get("/v1/me/transactions").then().statusCode(200).body("items.amount", equalTo(java.util.List.of("11.00")));
        member(bob).get("/v1/me/balance").then().statusCode(200).body("available", equalTo("22.00"));

        member(alice).get("/v1/members/{id}/balance", bob).then().statusCode(403);
        member(alice).get("/v1/members/{id}", bob).then().statusCode(403);
        member(alice).contentType(ContentType.JSON).body(Map.of("type", "CREDIT", "amount", "1.00", "reason", "x"))
                .post("/v1/admin/members/{id}/adjustments", alice).then().statusCode(403);
    }

    @Test
    void aTokenSignedByAnotherKeyOrExpiredOrFromAnotherIssuerIsUnauthorized() throws Exception {
        String alice = newMember();
        var foreignKey = KeyPairGenerator.getInstance("RSA");
        foreignKey.initialize(2048);
        String forged = Jwt.issuer("sarafan").subject(alice).groups("member")
                .expiresAt(Instant.now().plusSeconds(600)).sign(foreignKey.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).get("/v1/me/balance").then().statusCode(401);

        String expired = Jwt.issuer("sarafan").subject(alice).groups("member")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().header("Authorization", "Bearer " + expired).get("/v1/me/balance").then().statusCode(401);

        String otherIssuer = Jwt.issuer("someone-else").subject(alice).expiresAt(Instant.now().plusSeconds(600)).sign();
        given().header("Authorization", "Bearer " + otherIssuer).get("/v1/me/balance").then().statusCode(401);

        given().header("Authorization", "Bearer not.a.token").get("/v1/me/balance").then().statusCode(401);
    }

    @Test
    void aTokenThatClaimsTheShopOrAdminRoleIsStillOnlyAMember() {
        String alice = newMember();
        String sneaky = Jwt.issuer("sarafan").subject(alice).groups(java.util.Set.of("member", "admin", "shop"))
                .expiresAt(Instant.now().plusSeconds(600)).sign();
        given().header("Authorization", "Bearer " + sneaky).contentType(ContentType.JSON)
                .body(Map.of("type", "CREDIT", "amount", "1.00", "reason", "x"))
                .post("/v1/admin/members/{id}/adjustments", alice).then().statusCode(403);
        given().header("Authorization", "Bearer " + sneaky).get("/v1/members/{id}", alice).then().statusCode(403);
        given().header("Authorization", "Bearer " + sneaky).get("/v1/me").then().statusCode(200);
    }

    @Test
    void aMemberTokenIsRefusedForUnknownAndBlockedMembers() {
        shop().body(Map.of("externalId", "cust-nobody")).post("/v1/member-tokens").then().statusCode(404)
                .body("type", endsWith("/not-found"));
        shop().body(Map.of("externalId", "c".repeat(129))).post("/v1/member-tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("externalId"));
        String carol = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", carol).then().statusCode(200);
        shop().body(Map.of("externalId", carol)).post("/v1/member-tokens").then().statusCode(409)
                .body("type", endsWith("/member-blocked"));
    }
}
