package app.sarafan.referral.site;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SiteBindingTest extends SiteTests {

    @Test
    void aVisitFromAVerifiedSiteBindsTheVisitorToTheSitesOwner() {
        String blogger = newMember();
        String domain = newDomain();
        String[] site = declared(blogger, domain);
        String visitor = UUID.randomUUID().toString();
        shop().body(Map.of("visitorId", visitor, "refererUrl", "https://" + domain + "/best-running-shoes"))
                .post("/v1/visits").then().statusCode(201).body("attributedTo", nullValue());

        site().serve(domain, "/.well-known/sarafan-verification.txt", site[1] + "\n");
        verify(blogger, site[0]).statusCode(200).body("status", equalTo("VERIFIED"));
        shop().body(Map.of("visitorId", visitor, "refererUrl", "https://www." + domain + "/best-running-shoes"))
                .post("/v1/visits").then().statusCode(201)
                .body("attributedTo", equalTo(blogger)).body("via", equalTo("SITE"));

        String reader = "cust-" + UUID.randomUUID();
        shop().body(Map.of("externalId", reader, "email", reader + "@example.com",
                "attribution", Map.of("visitorId", visitor))).post("/v1/members").then().statusCode(201);
        shop().get("/v1/members/{id}/referral", reader).then()
                .body("referrerExternalId", equalTo(blogger))
                .body("boundVia", equalTo("SITE"))
                .body("boundSource", equalTo("www." + domain));
    }
}
