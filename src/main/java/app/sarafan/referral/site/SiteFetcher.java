package app.sarafan.referral.site;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens a site for a check: resolves its host once and refuses it when any of its addresses is internal, since
 * a name with one public and one private address could be served from either.
 */
@ApplicationScoped
public class SiteFetcher {

    private final HostResolver resolver;
    private final FetchPolicy policy;

    SiteFetcher(HostResolver resolver, FetchPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    SiteSession open(String domain) throws FetchFailed {
        Deadline deadline = Deadline.after(policy.checkTimeout());
        List<InetAddress> addresses = resolve(domain, deadline);
        checkAddresses(domain, addresses);
        return new SiteSession(domain, addresses, policy, deadline);
    }

    /** The refusal a check ends with when the addresses include an internal one, unless tests allow them. */
    void checkAddresses(String domain, List<InetAddress> addresses) throws FetchFailed {
        if (!policy.allowInternalAddresses() && addresses.stream().anyMatch(InternalAddresses::contains)) {
            throw new FetchFailed(CheckFailure.ADDRESS_NOT_ALLOWED,
                    domain + " resolves to an internal address; only sites on public addresses can be verified");
        }
    }

    /** Resolves within the check's deadline: a stuck resolver must not hold the member's request. */
    private List<InetAddress> resolve(String domain, Deadline deadline) throws FetchFailed {
        CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return resolver.resolve(domain);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, task -> Thread.ofVirtual().start(task));
        try {
            List<InetAddress> addresses = lookup.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            if (addresses.isEmpty()) {
                throw notFound(domain);
            }
            return addresses;
        } catch (ExecutionException e) {
            throw notFound(domain);
        } catch (TimeoutException | SocketTimeoutException e) {
            lookup.cancel(true);
            throw new FetchFailed(CheckFailure.TIMEOUT, domain + " did not resolve in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed(CheckFailure.TIMEOUT, "the check was interrupted");
        }
    }

    private static FetchFailed notFound(String domain) {
        return new FetchFailed(CheckFailure.DOMAIN_NOT_FOUND, domain + " does not resolve");
    }
}
