package app.sarafan.referral.site;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Referral sites: how many a member may declare, and how far the ownership check may reach. */
@ConfigMapping(prefix = "sarafan.referral.sites")
public interface ReferralSitesConfig {

    /** How many sites one member may declare, whatever their status. */
    @WithDefault("10")
    int maxPerMember();

    /**
     * Lets the check fetch from loopback, private and other internal addresses. For tests only: in the
     * production launch mode the service refuses to start with it unless {@link #testSwitchesInProduction()}.
     */
    @WithDefault("false")
    boolean allowInternalAddresses();

    /**
     * Fetch every site on this port instead of 80/443, so that tests can play the member's site on a local
     * server. Refused in production like {@link #allowInternalAddresses()}.
     */
    Optional<Integer> testPort();

    /** An operator's explicit consent to the two test switches above in the production launch mode. */
    @WithDefault("false")
    boolean testSwitchesInProduction();

    /** The ports a site may be fetched from (also after a redirect). */
    @WithDefault("80,443")
    List<Integer> allowedPorts();

    /** The schemes tried in this order; the next one only when the site cannot be reached on the previous. */
    @WithDefault("https,http")
    List<String> schemes();

    /** For one TCP connection to be established. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** For one request, from connecting to the last byte of the answer. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** For a whole check: every request, scheme and redirect of it. */
    @WithDefault("PT10S")
    Duration checkTimeout();

    /** Bytes of a response body read at most; a verification file larger than this is refused. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Redirects followed at most, each only to the same host. */
    @WithDefault("3")
    int maxRedirects();
}
