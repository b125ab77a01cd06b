package app.sarafan.referral.site;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * What the site check may do, from {@link ReferralSitesConfig} checked once at start. A production service
 * with a test switch on refuses to start rather than run with its SSRF protection quietly lowered.
 */
@ApplicationScoped
public class FetchPolicy {

    private static final Logger LOG = Logger.getLogger(FetchPolicy.class);
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final ReferralSitesConfig config;

    @Inject
    FetchPolicy(ReferralSitesConfig config) {
        this(config, LaunchMode.current());
    }

    FetchPolicy(ReferralSitesConfig config, LaunchMode mode) {
        this.config = config;
        boolean testSwitches = config.allowInternalAddresses() || config.testPort().isPresent();
        if (testSwitches && mode == LaunchMode.NORMAL) {
            if (!config.testSwitchesInProduction()) {
                throw new IllegalStateException("sarafan.referral.sites.allow-internal-addresses and test-port are for"
                        + " tests; unset them, or set sarafan.referral.sites.test-switches-in-production=true");
            }
            LOG.warn("Referral site checks may reach internal addresses or a test port in production");
        }
        if (config.schemes().isEmpty() || !SCHEMES.containsAll(config.schemes())) {
            throw new IllegalStateException("sarafan.referral.sites.schemes must be http and/or https");
        }
        if (config.allowedPorts().stream().anyMatch(p -> p < 1 || p > 65535)
                || config.testPort().filter(p -> p < 1 || p > 65535).isPresent()) {
            throw new IllegalStateException("sarafan.referral.sites ports must be between 1 and 65535");
        }
        if (config.maxResponseBytes() < 1024 || config.maxRedirects() < 0 || config.maxPerMember() < 1) {
            throw new IllegalStateException(
                    "sarafan.referral.sites: max-response-bytes must be 1024 or more, max-redirects 0 or more,"
                            + " max-per-member 1 or more");
        }
    }

    /** Creates the policy at start, so that a bad configuration fails the start and not the first check. */
    void validateAtStart(@Observes StartupEvent start) {
        LOG.debugf("Referral site checks try %s on ports %s", schemes(), ports());
    }

    boolean allowInternalAddresses() {
        return config.allowInternalAddresses();
    }

    List<String> schemes() {
        return config.schemes();
    }

    /** The port a scheme is fetched from: the test port when set, else the scheme's own. */
    int portOf(String scheme) {
        return config.testPort().orElse("https".equals(scheme) ? 443 : 80);
    }

    boolean allows(String scheme, int port) {
        return config.schemes().contains(scheme) && ports().contains(port);
    }

    Set<Integer> ports() {
        Set<Integer> ports = new TreeSet<>(config.allowedPorts());
        config.testPort().ifPresent(ports::add);
        return ports;
    }

    Duration connectTimeout() {
        return config.connectTimeout();
    }

    Duration requestTimeout() {
        return config.requestTimeout();
    }

    Duration checkTimeout() {
        return config.checkTimeout();
    }

    int maxResponseBytes() {
        return config.maxResponseBytes();
    }

    int maxRedirects() {
        return config.maxRedirects();
    }
}
