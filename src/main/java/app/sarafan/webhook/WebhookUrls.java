package app.sarafan.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

import app.sarafan.referral.site.HostResolver;
import app.sarafan.referral.site.InternalAddresses;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The SSRF protection of referral sites, applied to webhook URLs: an allowed scheme, no credentials in the URL, and
 * a host none of whose addresses is internal (loopback, private, link-local, metadata, ...). Checked when an
 * endpoint is registered and again before every delivery, since DNS answers change. Redirects are never followed.
 */
@ApplicationScoped
class WebhookUrls {

    private static final Logger LOG = Logger.getLogger(WebhookUrls.class);

    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final HostResolver resolver;
    private final WebhookConfig config;

    WebhookUrls(HostResolver resolver, WebhookConfig config) {
        this.resolver = resolver;
        this.config = config;
    }

    void checkAtStart(@Observes StartupEvent start) {
        if (config.allowInternalAddresses() && LaunchMode.current() == LaunchMode.NORMAL) {
            if (!config.internalAddressesInProduction()) {
                throw new IllegalStateException("sarafan.webhooks.allow-internal-addresses is for tests; unset it, or"
                        + " set sarafan.webhooks.internal-addresses-in-production=true");
            }
            LOG.warn("Webhooks may be sent to internal addresses in production");
        }
    }

    /** The URL as it will be called, or why it may not be. */
    URI check(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        if (uri.getScheme() == null || !config.schemes().contains(uri.getScheme().toLowerCase())) {
            throw new Refused("must use " + String.join(" or ", config.schemes()));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("must name a host, without credentials or fragment");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("host " + uri.getHost() + " does not resolve");
        }
        if (!config.allowInternalAddresses() && addresses.stream().anyMatch(InternalAddresses::contains)) {
            throw new Refused("host " + uri.getHost() + " resolves to an internal address");
        }
        return uri;
    }
}
