package app.sarafan.referral.site;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Name resolution for site checks, one lookup per check; a bean so that tests can answer with any address. */
@ApplicationScoped
public class HostResolver {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    public List<InetAddress> resolve(String host) throws UnknownHostException {
        // RFC 6761 §6.3: localhost names are loopback and never asked of DNS, which could answer anything.
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return List.of(InetAddress.getByAddress(host, LOOPBACK));
        }
        return List.of(InetAddress.getAllByName(host));
    }
}
