package app.sarafan.referral.site;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import app.sarafan.member.MemberService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LocalSitePort.class, scope = TestResourceScope.GLOBAL)
class ReferralSitesTest extends SiteTests {

    private static final String FILE = OwnershipCheck.WELL_KNOWN_PATH;

    @Inject
    ReferralSites referralSites;

    @Inject
    MemberService members;

    @Test
    void aDeclaredSiteComesWithItsTokenAndInstructions() {
        String member = newMember();
        String domain = newDomain();
        var created = declare(member, domain).statusCode(201)
                .body("domain", equalTo(domain))
                .body("status", equalTo("PENDING"))
                .body("verificationToken", matchesPattern("[A-Za-z0-9_-]{32}"))
                .body("instructions.fileUrl", equalTo("https://" + domain + FILE))
                .body("verificationMethod", nullValue())
                .body("lastCheckedAt", nullValue())
                .body("createdAt", notNullValue()).extract();
        assertTrue(created.header("Location").endsWith("/v1/me/sites/" + created.path("id")));
        var site = member(member).get("/v1/me/sites").then().statusCode(200).body("items", hasSize(1)).extract();
        String token = site.path("items[0].verificationToken");
        assertEquals(token, site.path("items[0].instructions.fileContent"));
        assertEquals("<meta name=\"sarafan-verification\" content=\"" + token + "\">",
                site.path("items[0].instructions.metaTag"));
    }

    @Test
    void aSiteIsVerifiedByTheWellKnownFile() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, FILE, site[1] + "\n");

        verify(member, site[0]).statusCode(200)
                .body("id", equalTo(site[0]))
                .body("status", equalTo("VERIFIED"))
                .body("verificationMethod", equalTo("WELL_KNOWN_FILE"))
                .body("verifiedAt", notNullValue())
                .body("lastCheckedAt", notNullValue())
                .body("failureReason", nullValue())
                .body("failureDetail", nullValue());
        member(member).get("/v1/me/sites/{id}", site[0]).then().statusCode(200).body("status", equalTo("VERIFIED"));
        LocalSite.Request request = site().requests(domain).get(0);
        assertEquals(FILE, request.path());
        assertEquals(domain + ":" + site().port(), request.hostHeader());
    }

    @Test
    void aSiteIsVerifiedByAMetaTagOnItsHomePage() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, "/", "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<META content='" + site[1] + "' NAME=\"Sarafan-Verification\" /></head><body>Бег</body></html>");

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("verificationMethod", equalTo("META_TAG"));
    }

    @Test
    void aSiteWithoutItsTokenFailsAndCanBeCheckedAgain() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, FILE, "someone-elses-token-0123456789abcdef\n");
        site().serve(domain, "/", "<html><head><meta name=\"sarafan-verification\" content=\"wrong\"></head></html>");

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("TOKEN_NOT_FOUND"))
                .body("failureDetail", containsString("does not hold the token"))
                .body("verificationMethod", nullValue())
                .body("verifiedAt", nullValue());

        site().serve(domain, FILE, site[1]);
        verify(member, site[0]).statusCode(200).body("status", equalTo("VERIFIED")).body("failureReason", nullValue());
    }

    @Test
    void aSiteThatAnswersNothingFails() {
        String member = newMember();
        String[] site = declared(member, newDomain());
        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("TOKEN_NOT_FOUND"))
                .body("failureDetail", containsString("answered 404"));
    }

    @Test
    void aSiteThatLosesItsTokenLosesItsVerification() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, FILE, site[1]);
        verify(member, site[0]).body("status", equalTo("VERIFIED"));
        assertTrue(referralSites.verifiedOwnerOf(domain).isPresent());

        site().serve(domain, FILE, "");
        verify(member, site[0]).body("status", equalTo("FAILED"));
        assertEquals(OptionalLong.empty(), referralSites.verifiedOwnerOf(domain));
    }

    @Test
    void aRedirectWithinTheSiteIsFollowed() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().redirect(domain, FILE, 301, "/verification/sarafan.txt");
        site().redirect(domain, "/verification/sarafan.txt", 302, site().url(domain, "/v2/sarafan.txt"));
        site().serve(domain, "/v2/sarafan.txt", site[1]);

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("verificationMethod", equalTo("WELL_KNOWN_FILE"));
    }

    @Test
    void aRedirectToAnotherHostIsRefused() {
        String member = newMember();
        String domain = newDomain();
        String elsewhere = newDomain();
        String[] site = declared(member, domain);
        site().redirect(domain, FILE, 302, site().url(elsewhere, FILE));
        site().redirect(domain, "/", 301, site().url(elsewhere, "/"));
        site().serve(elsewhere, FILE, site[1]);

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("REDIRECT_NOT_ALLOWED"))
                .body("failureDetail", containsString("another host"));
        assertEquals(List.of(), site().requests(elsewhere));
    }

    @Test
    void endlessRedirectsAreCutShort() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().redirect(domain, FILE, 302, "/a");
        site().redirect(domain, "/a", 302, "/b");
        site().redirect(domain, "/b", 302, "/a");

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("REDIRECT_NOT_ALLOWED"));
        long fileRequests = site().requests(domain).stream().filter(r -> !r.path().equals("/")).count();
        assertEquals(4, fileRequests, "the file and 3 redirects");
    }

    @Test
    void aTooLargeVerificationFileIsRefused() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, FILE, "#".repeat(100 * 1024) + "\n" + site[1] + "\n");

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("TOO_LARGE"))
                .body("failureDetail", containsString("larger than 65536 bytes"));
    }

    @Test
    void ofALargeHomePageOnlyTheBeginningIsRead() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serveChunked(domain, "/", "<html><head><meta name=\"sarafan-verification\" content=\"" + site[1]
                + "\"></head><body>" + "<p>Бег</p>".repeat(30_000) + "</body></html>");
        verify(member, site[0]).statusCode(200).body("status", equalTo("VERIFIED"))
                .body("verificationMethod", equalTo("META_TAG"));

        String other = newMember();
        String late = newDomain();
        String[] lateSite = declared(other, late);
        site().serveChunked(late, "/", "<html><head>" + "<!-- padding -->".repeat(10_000)
                + "<meta name=\"sarafan-verification\" content=\"" + lateSite[1] + "\"></head></html>");
        verify(other, lateSite[0]).statusCode(200).body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("TOKEN_NOT_FOUND"))
                .body("failureDetail", containsString("in the first 65536 bytes"));
    }

    @Test
    void aSiteTooSlowToAnswerFailsWithinTheRequestTimeout() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().dribble(domain, FILE, site[1] + "\n" + "#".repeat(40));

        long started = System.nanoTime();
        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("TIMEOUT"));
        long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds < 4, "the %test request timeout is 2 s, the site dribbles for 18 s; took " + seconds);
        assertEquals(1, site().requests(domain).size(), "the home page is not tried on a site that timed out");
    }

    @Test
    void anotherMembersSiteIsNotFound() {
        String owner = newMember();
        String stranger = newMember();
        String domain = newDomain();
        String[] site = declared(owner, domain);
        site().serve(domain, FILE, site[1]);

        member(stranger).get("/v1/me/sites").then().statusCode(200).body("items", hasSize(0));
        member(stranger).get("/v1/me/sites/{id}", site[0]).then().statusCode(404)
                .body("type", endsWith("/not-found"));
        verify(stranger, site[0]).statusCode(404).body("type", endsWith("/not-found"));
        member(stranger).delete("/v1/me/sites/{id}", site[0]).then().statusCode(404);
        member(stranger).get("/v1/me/sites/{id}", "not-a-number").then().statusCode(404);

        assertEquals(List.of(), site().requests(domain));
        member(owner).get("/v1/me/sites/{id}", site[0]).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void aDomainIsVerifiedByOneMemberAtATime() {
        String first = newMember();
        String second = newMember();
        String domain = newDomain();
        String[] firstSite = declared(first, domain);
        String[] secondSite = declared(second, "WWW." + domain);
        site().serve(domain, FILE, firstSite[1] + "\n" + secondSite[1] + "\n");
        site().serve("www." + domain, FILE, firstSite[1] + "\n" + secondSite[1] + "\n");

        verify(first, firstSite[0]).statusCode(200).body("status", equalTo("VERIFIED"));
        verify(second, secondSite[0]).statusCode(409)
                .body("type", endsWith("/duplicate"))
                .body("domain", equalTo("www." + domain))
                .body("detail", containsString("verified by another member"));
        member(second).get("/v1/me/sites/{id}", secondSite[0]).then().body("status", equalTo("PENDING"));
        declare(newMember(), domain).statusCode(409).body("type", endsWith("/duplicate"));

        member(first).delete("/v1/me/sites/{id}", firstSite[0]).then().statusCode(204);
        member(first).get("/v1/me/sites/{id}", firstSite[0]).then().statusCode(404);
        verify(second, secondSite[0]).statusCode(200).body("status", equalTo("VERIFIED"));
        assertEquals(OptionalLong.of(members.ref(second).id()), referralSites.verifiedOwnerOf(domain));
    }

    @Test
    void aDomainIsNormalizedAndValidated() {
        String member = newMember();
        String unique = newDomain().replace(".localhost", "");
        declare(member, "  " + unique.toUpperCase() + ".Example.COM. ").statusCode(201)
                .body("domain", equalTo(unique + ".example.com"));
        declare(member, "Бег-" + unique + ".РФ").statusCode(201)
                .body("domain", matchesPattern("xn--.*\\.xn--p1ai"));
        declare(member, "www." + unique + ".example.com").statusCode(409)
                .body("type", endsWith("/duplicate"))
                .body("detail", containsString("already declared"));

        for (String invalid : List.of("https://" + unique + ".com/", unique + ".com:8080", unique + ".com/path",
                "127.0.0.1", "[::1]", "localhost", "a".repeat(250) + ".com", "")) {
            declare(member, invalid).statusCode(400)
                    .body("type", endsWith("/validation"))
                    .body("errors[0].field", equalTo("domain"));
        }
        member(member).contentType(ContentType.JSON).body("{}").post("/v1/me/sites").then().statusCode(400)
                .body("errors[0].field", equalTo("domain"));
        member(member).get("/v1/me/sites").then().body("items", hasSize(2));
    }

    @Test
    void aMemberMayDeclareAtMostTheConfiguredNumberOfSites() {
        String member = newMember();
        for (int i = 0; i < 10; i++) {
            declare(member, newDomain()).statusCode(201);
        }
        declare(member, newDomain()).statusCode(409)
                .body("type", endsWith("/limit-reached"))
                .body("limit", equalTo(10));
        String first = member(member).get("/v1/me/sites").then().body("items", hasSize(10))
                .extract().path("items[9].id");
        member(member).delete("/v1/me/sites/{id}", first).then().statusCode(204);
        declare(member, newDomain()).statusCode(201);
    }

    @Test
    void aDeclarationWithAnIdempotencyKeyIsMadeOnce() {
        String member = newMember();
        String domain = newDomain();
        String key = java.util.UUID.randomUUID().toString();
        String id = member(member).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("domain", domain)).post("/v1/me/sites").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        member(member).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("domain", domain)).post("/v1/me/sites").then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", endsWith("/v1/me/sites/" + id))
                .body("id", equalTo(id));
        member(member).get("/v1/me/sites").then().body("items", hasSize(1));
    }

    @Test
    void aBlockedMemberCannotDeclareOrVerify() {
        String member = newMember();
        String token = tokenFor(member);
        String[] site = declared(member, newDomain());
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", member).then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("domain", newDomain())).post("/v1/me/sites").then().statusCode(409)
                .body("type", endsWith("/member-blocked"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .post("/v1/me/sites/{id}/verify", site[0]).then().statusCode(409)
                .body("type", endsWith("/member-blocked"));
    }

    @Test
    void verifiedOwnerOfFindsTheMemberBehindAReferer() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        assertEquals(OptionalLong.empty(), referralSites.verifiedOwnerOf(domain), "pending");
        site().serve(domain, FILE, site[1]);
        verify(member, site[0]).body("status", equalTo("VERIFIED"));

        OptionalLong owner = OptionalLong.of(members.ref(member).id());
        for (String referer : List.of(domain, domain.toUpperCase(), "www." + domain, "https://" + domain + "/",
                "https://WWW." + domain + ":8443/blog/run?utm_source=x#top", "http://" + domain, "//" + domain + "/a",
                domain + ".")) {
            assertEquals(owner, referralSites.verifiedOwnerOf(referer), referer);
        }
        for (String referer : Arrays.asList("blog." + domain, "https://other-" + domain + "/", "", "not a url", null,
                "https://127.0.0.1/", domain.replace(".localhost", ".example"))) {
            assertEquals(OptionalLong.empty(), referralSites.verifiedOwnerOf(referer), String.valueOf(referer));
        }

        member(member).delete("/v1/me/sites/{id}", site[0]).then().statusCode(204);
        assertEquals(OptionalLong.empty(), referralSites.verifiedOwnerOf(domain), "removed");
    }

    @Test
    void shopsAndAdministratorsReadAMembersSitesWithoutTheirTokens() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, "/", "<meta name=sarafan-verification content=" + site[1] + ">");
        verify(member, site[0]).body("status", equalTo("VERIFIED"));

        for (var caller : List.of(shop(), admin())) {
            caller.get("/v1/members/{id}/sites", member).then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(site[0]))
                    .body("items[0].domain", equalTo(domain))
                    .body("items[0].status", equalTo("VERIFIED"))
                    .body("items[0].verificationMethod", equalTo("META_TAG"))
                    .body("items[0]", not(hasKey("verificationToken")))
                    .body("items[0]", not(hasKey("instructions")));
        }
        shop().get("/v1/members/{id}/sites", "cust-unknown-" + site[0]).then().statusCode(404);
        member(member).get("/v1/members/{id}/sites", member).then().statusCode(403);
        io.restassured.RestAssured.given().get("/v1/me/sites").then().statusCode(401);
        shop().get("/v1/me/sites").then().statusCode(403);
    }
}
