package app.sarafan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import app.sarafan.support.Eventually;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Once shutdown is requested, a keep-alive connection gets its answer with {@code Connection: close} and is then
 * closed by the server: the client opens a new one (to another instance) for its next request instead of sending it
 * down a connection the server is about to drop. Shortly before the delay ends, new requests are refused with a 503
 * that tells the client to send them again. Its own application instance, since it starts the draining; a delay of
 * 2 s, the last second of it refusing.
 */
@QuarkusTest
@TestProfile(DrainingConnectionsTest.OwnInstance.class)
class DrainingConnectionsTest {

    /** A profile of its own so that draining does not reach other tests' instance. */
    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.shutdown.delay", "2s");
        }
    }

    private static final String CLOSED = "\n[closed by the server]";

    @TestHTTPResource("/")
    URL root;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdown;

    @Test
    void afterShutdownIsRequestedAnAnswerClosesItsKeepAliveConnection() throws Exception {
        String before = exchange();
        assertTrue(before.startsWith("HTTP/1.1 200"), before);
        assertTrue(!before.toLowerCase(Locale.ROOT).contains("connection: close"), before);
        assertTrue(!before.endsWith(CLOSED), before);

        shutdown.fire(new ShutdownDelayInitiatedEvent());

        String during = exchange();
        assertTrue(during.startsWith("HTTP/1.1 200"), during);
        assertTrue(during.toLowerCase(Locale.ROOT).contains("connection: close"), during);
        assertTrue(during.endsWith(CLOSED), during);
        assertEquals(1, during.split("HTTP/1.1 ").length - 1);

        Eventually.until(() -> {
            try {
                return exchange().startsWith("HTTP/1.1 503");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(3));
        String refused = exchange();
        String head = refused.toLowerCase(Locale.ROOT);
        assertTrue(head.contains("content-type: application/problem+json"), refused);
        assertTrue(head.contains("retry-after: 1"), refused);
        assertTrue(head.contains("connection: close"), refused);
        assertTrue(refused.contains("\"type\":\"https://"), refused);
        assertTrue(refused.contains("service-unavailable"), refused);
        assertTrue(refused.endsWith(CLOSED), refused);
    }

    @Test
    void newRequestsAreRefusedDuringTheLastPartOfTheDelay() {
        assertEquals(Duration.ofMillis(2500), DrainingConnections.servingFor(Duration.ofSeconds(3)));
        assertEquals(Duration.ofMillis(500), DrainingConnections.servingFor(Duration.ofSeconds(1)));
        assertEquals(Duration.ZERO, DrainingConnections.servingFor(Duration.ZERO));
    }

    /**
     * One keep-alive request on a fresh socket; what came back until the server closed the connection, or until
     * two seconds passed without more bytes (then the connection stayed open, and the answer is what arrived).
     */
    private String exchange() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /q/health/live HTTP/1.1\r\nHost: " + root.getHost() + "\r\nConnection: keep-alive\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
                closed = true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // keep-alive: the server kept the connection for a next request
            }
            String text = answer.toString(StandardCharsets.US_ASCII);
            return closed ? text + CLOSED : text;
        }
    }
}
