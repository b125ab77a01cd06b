package app.sarafan.referral.site;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Picks a free local port before the service starts and makes it the port every site is fetched from, so that
 * tests can play members' sites with a {@link LocalSite} on it.
 */
public class LocalSitePort implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY = "sarafan.referral.sites.test-port";

    @Override
    public Map<String, String> start() {
        return Map.of(PROPERTY, String.valueOf(app.sarafan.support.ReservedPorts.free()));
    }

    @Override
    public void stop() {
        // nothing is held: the test's LocalSite binds the port
    }
}
