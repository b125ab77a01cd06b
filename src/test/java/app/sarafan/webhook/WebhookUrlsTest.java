package app.sarafan.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import app.sarafan.referral.site.HostResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production setting: webhook URLs that reach internal addresses are refused, whatever name they use. */
class WebhookUrlsTest {

    private static final WebhookConfig PRODUCTION = new WebhookConfig() {
        public String sendEvery() { return "5s"; }
        public int batchSize() { return 100; }
        public Duration retryBase() { return Duration.ofSeconds(30); }
        public Duration retryMax() { return Duration.ofHours(1); }
        public int disableAfterFailures() { return 10; }
        public Duration disableAfterFailingFor() { return Duration.ofDays(3); }
        public Duration connectTimeout() { return Duration.ofSeconds(5); }
        public Duration requestTimeout() { return Duration.ofSeconds(10); }
        public List<String> schemes() { return List.of("https"); }
        public boolean allowInternalAddresses() { return false; }
        public boolean internalAddressesInProduction() { return false; }
    };

    /** Every name resolves to the address the test gives it. */
    private static WebhookUrls resolvingTo(String address) {
        return new WebhookUrls(new HostResolver() {
            @Override
            public List<InetAddress> resolve(String host) throws UnknownHostException {
                return List.of(InetAddress.getByName(address));
            }
        }, PRODUCTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "fd00::1",
            "::ffff:10.0.0.1"})
    void internalAddressesAreRefused(String address) {
        var refused = assertThrows(WebhookUrls.Refused.class,
                () -> resolvingTo(address).check("https://hooks.shop.example/sarafan"));
        assertEquals("host hooks.shop.example resolves to an internal address", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.shop.example/", "https://user:pass@hooks.shop.example/",
            "https:///nohost", "not a url"})
    void urlsOfTheWrongShapeAreRefused(String url) {
        assertThrows(WebhookUrls.Refused.class, () -> resolvingTo("93.184.216.34").check(url));
    }

    @org.junit.jupiter.api.Test
    void aPublicHostIsAllowed() throws Exception {
        assertEquals("hooks.shop.example",
                resolvingTo("93.184.216.34").check("https://hooks.shop.example/sarafan").getHost());
    }
}
