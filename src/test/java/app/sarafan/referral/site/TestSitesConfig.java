package app.sarafan.referral.site;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link ReferralSitesConfig} with the production defaults, for tests that build the fetch classes by hand. */
record TestSitesConfig(boolean allowInternalAddresses, Optional<Integer> testPort, boolean testSwitchesInProduction,
        List<String> schemes) implements ReferralSitesConfig {

    static TestSitesConfig production() {
        return new TestSitesConfig(false, Optional.empty(), false, List.of("https", "http"));
    }

    TestSitesConfig allowingInternalAddresses() {
        return new TestSitesConfig(true, testPort, testSwitchesInProduction, schemes);
    }

    TestSitesConfig onTestPort(int port) {
        return new TestSitesConfig(allowInternalAddresses, Optional.of(port), testSwitchesInProduction, schemes);
    }

    TestSitesConfig withConsentInProduction() {
        return new TestSitesConfig(allowInternalAddresses, testPort, true, schemes);
    }

    TestSitesConfig withSchemes(String... schemes) {
        return new TestSitesConfig(allowInternalAddresses, testPort, testSwitchesInProduction, List.of(schemes));
    }

    @Override
    public int maxPerMember() {
        return 10;
    }

    @Override
    public List<Integer> allowedPorts() {
        return List.of(80, 443);
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(3);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration checkTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public int maxResponseBytes() {
        return 65536;
    }

    @Override
    public int maxRedirects() {
        return 3;
    }
}
