package app.sarafan.referral.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address check as a check opens a site, with the production setting. Names resolve through a fake resolver,
 * and opening a site connects nowhere: the refusal comes before any connection.
 */
class SiteFetcherAddressTest {

    private static final FetchPolicy PRODUCTION = new FetchPolicy(TestSitesConfig.production(), LaunchMode.NORMAL);

    /** Answers every name with the given literals, and counts how often it was asked. */
    private static final class FakeResolver extends HostResolver {
        final List<String> asked = new ArrayList<>();
        private final String[] literals;

        FakeResolver(String... literals) {
            this.literals = literals;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) {
                addresses.add(InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress()));
            }
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.0.10", "172.20.1.1", "100.64.1.1",
            "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1"})
    void refusesASiteResolvingToAnInternalAddress(String address) {
        FetchFailed refused = assertThrows(FetchFailed.class,
                () -> new SiteFetcher(new FakeResolver(address), PRODUCTION).open("sport-blog.example.ru"));
        assertEquals(CheckFailure.ADDRESS_NOT_ALLOWED, refused.reason());
    }

    @Test
    void refusesASiteWithOneInternalAmongItsAddresses() {
        FetchFailed refused = assertThrows(FetchFailed.class,
                () -> new SiteFetcher(new FakeResolver("93.184.216.34", "10.0.0.1"), PRODUCTION).open("example.com"));
        assertEquals(CheckFailure.ADDRESS_NOT_ALLOWED, refused.reason());
    }

    @Test
    void resolvesOnceAndKeepsThePublicAddresses() throws FetchFailed {
        FakeResolver resolver = new FakeResolver("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
        SiteSession site = new SiteFetcher(resolver, PRODUCTION).open("example.com");
        assertEquals("example.com", site.host());
        assertEquals(List.of("example.com"), resolver.asked);
    }

    @Test
    void aDomainThatDoesNotResolveIsNotFound() {
        FetchFailed failed = assertThrows(FetchFailed.class,
                () -> new SiteFetcher(new FakeResolver(), PRODUCTION).open("nowhere.example"));
        assertEquals(CheckFailure.DOMAIN_NOT_FOUND, failed.reason());
    }

    @Test
    void localhostNamesAreLoopbackWithoutAskingDns() throws UnknownHostException {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), new HostResolver().resolve("shop-7.localhost"));
        FetchFailed refused = assertThrows(FetchFailed.class,
                () -> new SiteFetcher(new HostResolver(), PRODUCTION).open("shop-7.localhost"));
        assertEquals(CheckFailure.ADDRESS_NOT_ALLOWED, refused.reason());
    }
}
