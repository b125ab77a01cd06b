package app.sarafan.referral.site;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Requests to one site during one check. The host was resolved and its addresses checked once, when the session
 * was opened; every request and redirect connects to those addresses only, so a second DNS answer (rebinding)
 * can never point the check elsewhere. The host name goes into the Host header and TLS (SNI and certificate).
 */
final class SiteSession {

    private final String host;
    private final List<InetAddress> addresses;
    private final FetchPolicy policy;
    private final Deadline checkDeadline;
    private String reachableScheme;

    SiteSession(String host, List<InetAddress> addresses, FetchPolicy policy, Deadline checkDeadline) {
        this.host = host;
        this.addresses = List.copyOf(addresses);
        this.policy = policy;
        this.checkDeadline = checkDeadline;
    }

    String host() {
        return host;
    }

    /**
     * GETs a path, trying the schemes in the configured order until one reaches the site; later requests use
     * the scheme that did. Redirects are followed to the same host only.
     */
    SiteResponse get(String path) throws FetchFailed {
        List<String> schemes = reachableScheme == null ? policy.schemes() : List.of(reachableScheme);
        FetchFailed unreachable = null;
        for (String scheme : schemes) {
            try {
                SiteResponse response = follow(scheme, policy.portOf(scheme), path);
                reachableScheme = scheme;
                return response;
            } catch (FetchFailed e) {
                if (e.reason() != CheckFailure.UNREACHABLE && e.reason() != CheckFailure.TIMEOUT) {
                    throw e;
                }
                unreachable = e;
            }
        }
        throw unreachable;
    }

    private SiteResponse follow(String scheme, int port, String target) throws FetchFailed {
        for (int redirects = 0; ; redirects++) {
            SiteResponse response = once(scheme, port, target);
            if (!response.isRedirect()) {
                return response;
            }
            if (redirects == policy.maxRedirects()) {
                throw new FetchFailed(CheckFailure.REDIRECT_NOT_ALLOWED,
                        "the site redirected more than " + policy.maxRedirects() + " times");
            }
            URI next = redirectTarget(scheme, port, target, response.location());
            scheme = next.getScheme().toLowerCase(Locale.ROOT);
            port = next.getPort() == -1 ? policy.portOf(scheme) : next.getPort();
            if (!policy.allows(scheme, port)) {
                throw new FetchFailed(CheckFailure.REDIRECT_NOT_ALLOWED,
                        "the site redirected to " + scheme + " on port " + port + ", which is not allowed");
            }
            target = (next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath())
                    + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        }
    }

    private URI redirectTarget(String scheme, int port, String target, String location) throws FetchFailed {
        URI next;
        try {
            next = new URI(scheme, null, host, port, null, null, null).resolve(target).resolve(location.strip());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailed(CheckFailure.REDIRECT_NOT_ALLOWED, "the site redirected to an unreadable location");
        }
        if (next.getScheme() == null || !List.of("http", "https").contains(next.getScheme().toLowerCase(Locale.ROOT))) {
            throw new FetchFailed(CheckFailure.REDIRECT_NOT_ALLOWED, "the site redirected to a scheme other than http(s)");
        }
        Optional<String> nextHost = DomainName.hostOf(next.toString());
        if (nextHost.isEmpty() || !nextHost.get().equals(host)) {
            throw new FetchFailed(CheckFailure.REDIRECT_NOT_ALLOWED,
                    "the site redirected to another host; only redirects within " + host + " are followed");
        }
        return next;
    }

    private SiteResponse once(String scheme, int port, String target) throws FetchFailed {
        Deadline deadline = Deadline.after(policy.requestTimeout()).atMost(checkDeadline);
        try (Socket socket = connect(port, deadline)) {
            Socket channel = "https".equals(scheme) ? tls(socket, port, deadline) : socket;
            boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
            return HttpGet.exchange(channel, defaultPort ? host : host + ":" + port, target, deadline,
                    policy.maxResponseBytes());
        } catch (SocketTimeoutException e) {
            throw new FetchFailed(CheckFailure.TIMEOUT, "the site did not answer " + scheme + " in time");
        } catch (SSLException e) {
            throw new FetchFailed(CheckFailure.UNREACHABLE,
                    "no TLS connection with a valid certificate for " + host + " on port " + port);
        } catch (IOException e) {
            throw new FetchFailed(CheckFailure.UNREACHABLE, "cannot connect to " + host + " on port " + port);
        }
    }

    /** The first of the checked addresses that accepts a connection; never a proxy, never a new lookup. */
    private Socket connect(int port, Deadline deadline) throws IOException {
        IOException failure = new IOException("no address");
        for (InetAddress address : addresses) {
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                int timeout = Math.min(deadline.remainingMillis(), (int) policy.connectTimeout().toMillis());
                socket.connect(new InetSocketAddress(address, port), Math.max(timeout, 1));
                return socket;
            } catch (IOException e) {
                socket.close();
                failure = e;
            }
        }
        throw failure;
    }

    private Socket tls(Socket socket, int port, Deadline deadline) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(host)));
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(deadline.remainingMillis());
        tls.startHandshake();
        return tls;
    }
}
