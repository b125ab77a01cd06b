package app.sarafan.referral.site;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service with the production setting (no internal addresses): a site on loopback is refused over HTTP and
 * never fetched, and names resolving to private and metadata addresses are refused by the address check.
 */
@QuarkusTest
@TestProfile(ProductionAddressesTest.InternalAddressesRefused.class)
@WithTestResource(value = LocalSitePort.class, scope = TestResourceScope.GLOBAL)
class ProductionAddressesTest extends SiteTests {

    public static class InternalAddressesRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sarafan.referral.sites.allow-internal-addresses", "false");
        }
    }

    @Inject
    SiteFetcher fetcher;

    @Test
    void aSiteOnLoopbackIsRefusedWithoutBeingFetched() {
        String member = newMember();
        String domain = newDomain();
        String[] site = declared(member, domain);
        site().serve(domain, OwnershipCheck.WELL_KNOWN_PATH, site[1]);
        site().serve(domain, "/", "<meta name=\"sarafan-verification\" content=\"" + site[1] + "\">");

        verify(member, site[0]).statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("ADDRESS_NOT_ALLOWED"))
                .body("failureDetail", containsString("internal address"))
                .body("failureDetail", org.hamcrest.Matchers.not(containsString("127.0.0.1")));
        assertEquals(List.of(), site().requests(domain));
    }

    /** Opening a site resolves and checks its addresses and connects nowhere, so these addresses are never reached. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254"})
    void aSiteResolvingToAnInternalAddressIsRefused(String address) throws UnknownHostException {
        InetAddress internal = InetAddress.getByName(address);
        QuarkusMock.installMockForType(new HostResolver() {
            @Override
            public List<InetAddress> resolve(String host) {
                return List.of(internal);
            }
        }, HostResolver.class);

        FetchFailed refused = assertThrows(FetchFailed.class, () -> fetcher.open("sport-blog.example.ru"));
        assertEquals(CheckFailure.ADDRESS_NOT_ALLOWED, refused.reason());
    }
}
