package app.sarafan.referral.site;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

class FetchPolicyTest {

    @Test
    void productionRefusesToStartWithTestSwitches() {
        TestSitesConfig production = TestSitesConfig.production();
        assertThrows(IllegalStateException.class,
                () -> new FetchPolicy(production.allowingInternalAddresses(), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class, () -> new FetchPolicy(production.onTestPort(8081), LaunchMode.NORMAL));
    }

    @Test
    void productionHonoursTestSwitchesOnlyWithExplicitConsent() {
        FetchPolicy policy = new FetchPolicy(
                TestSitesConfig.production().allowingInternalAddresses().withConsentInProduction(), LaunchMode.NORMAL);
        assertTrue(policy.allowInternalAddresses());
    }

    @Test
    void testsMayUseTheSwitches() {
        FetchPolicy policy = new FetchPolicy(
                TestSitesConfig.production().allowingInternalAddresses().onTestPort(8081), LaunchMode.TEST);
        assertTrue(policy.allowInternalAddresses());
        assertEquals(8081, policy.portOf("http"));
        assertEquals(8081, policy.portOf("https"));
        assertTrue(policy.allows("http", 8081));
    }

    @Test
    void productionFetchesOnlyHttpAndHttpsOnTheirPorts() {
        FetchPolicy policy = new FetchPolicy(TestSitesConfig.production(), LaunchMode.NORMAL);
        assertFalse(policy.allowInternalAddresses());
        assertEquals(443, policy.portOf("https"));
        assertEquals(80, policy.portOf("http"));
        assertEquals(Set.of(80, 443), policy.ports());
        assertTrue(policy.allows("https", 80));
        assertFalse(policy.allows("http", 8080));
        assertFalse(policy.allows("ftp", 80));
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertThrows(IllegalStateException.class,
                () -> new FetchPolicy(TestSitesConfig.production().withSchemes("https", "ftp"), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class,
                () -> new FetchPolicy(TestSitesConfig.production().withSchemes(), LaunchMode.NORMAL));
        assertDoesNotThrow(() -> new FetchPolicy(TestSitesConfig.production().withSchemes("http"), LaunchMode.NORMAL));
    }
}
