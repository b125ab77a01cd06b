package app.sarafan.referral.site;

import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** What tests of referral sites share: a {@link LocalSite} on the test port, and a member's site calls. */
abstract class SiteTests extends ApiTest {

    private static LocalSite site;
    private static int sitePort;

    @BeforeEach
    void startLocalSite() {
        int port = ConfigProvider.getConfig().getValue(LocalSitePort.PROPERTY, Integer.class);
        if (site == null || sitePort != port) {
            stopLocalSite();
            site = LocalSite.on(port);
            sitePort = port;
        }
    }

    @AfterAll
    static void stopLocalSite() {
        if (site != null) {
            site.close();
            site = null;
        }
    }

    protected static LocalSite site() {
        return site;
    }

    /** A host name no other test uses; *.localhost is loopback, where the local site listens. */
    protected static String newDomain() {
        return "site-" + UUID.randomUUID().toString().substring(0, 8) + ".localhost";
    }

    protected static ValidatableResponse declare(String member, String domain) {
        return member(member).contentType(ContentType.JSON).body(Map.of("domain", domain))
                .post("/v1/me/sites").then();
    }

    /** Declares the domain and answers the site's id and token. */
    protected static String[] declared(String member, String domain) {
        var created = declare(member, domain).statusCode(201).extract();
        return new String[] {created.path("id"), created.path("verificationToken")};
    }

    protected static ValidatableResponse verify(String member, String siteId) {
        return member(member).post("/v1/me/sites/{id}/verify", siteId).then();
    }
}
