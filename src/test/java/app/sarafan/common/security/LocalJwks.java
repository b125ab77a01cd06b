package app.sarafan.common.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * A shop's identity provider's JWKS endpoint on 127.0.0.1: it publishes the public halves of the keys the test
 * adds, remembers when it was fetched, and can change what it publishes right after a fetch (so that the test
 * knows when the service last saw the old set). It answers with a long max-age, which the service must not follow.
 */
final class LocalJwks implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final List<Long> fetches = new CopyOnWriteArrayList<>();
    private List<String> published = List.of();
    private List<String> afterNextFetch;
    private boolean down;

    private LocalJwks(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static LocalJwks on(int port) {
        return new LocalJwks(port);
    }

    /** A new key pair under this kid (not yet published). */
    synchronized KeyPair key(String kid) {
        return keys.computeIfAbsent(kid, k -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    synchronized void publish(String... kids) {
        published = List.of(kids);
    }

    /** Serves the current set once more, then these keys. */
    synchronized void publishAfterNextFetch(String... kids) {
        afterNextFetch = List.of(kids);
    }

    /** Answers 503 to every fetch (still counted) while down. */
    synchronized void down(boolean down) {
        this.down = down;
    }

    /** System.nanoTime() of each fetch. */
    List<Long> fetches() {
        return List.copyOf(fetches);
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body;
        synchronized (this) {
            if (down) {
                fetches.add(System.nanoTime());
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            List<JsonWebKey> jwks = new ArrayList<>();
            for (String kid : published) {
                try {
                    RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) keys.get(kid).getPublic());
                    jwk.setKeyId(kid);
                    jwk.setAlgorithm("RS256");
                    jwk.setUse("sig");
                    jwks.add(jwk);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(e);
                }
            }
            body = new JsonWebKeySet(jwks).toJson().getBytes(StandardCharsets.UTF_8);
            fetches.add(System.nanoTime());
            if (afterNextFetch != null) {
                published = afterNextFetch;
                afterNextFetch = null;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "public, max-age=86400");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
