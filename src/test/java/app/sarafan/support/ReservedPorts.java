package app.sarafan.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free local port for a server a test starts later (after the service was configured with it). Chosen below
 * the kernel's ephemeral range (32768 and up on Linux): a port taken from that range and released would be handed
 * to the next outgoing connection (a JDBC or SMTP client) and then be "already in use" when the test binds it.
 */
public final class ReservedPorts {

    private ReservedPorts() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // another listener has it: try the next
            }
        }
        throw new IllegalStateException("No free port between 20000 and 32000");
    }
}
