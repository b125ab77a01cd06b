package app.sarafan.referral.site;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Members' websites, played by one HTTP server on 127.0.0.1: each test gives its sites their own host names
 * under {@code .localhost} and tells what they answer; the server routes by the Host header and remembers every
 * request it got.
 */
final class LocalSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    record Request(String host, String hostHeader, String path) {
    }

    private record Answer(int status, byte[] body, Map<String, String> headers, boolean chunked, boolean dribbled) {

        Answer(int status, byte[] body, Map<String, String> headers, boolean chunked) {
            this(status, body, headers, chunked, false);
        }
    }

    private LocalSite(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static LocalSite on(int port) {
        return new LocalSite(port);
    }

    LocalSite serve(String host, String path, String body) {
        return answer(host, path, new Answer(200, body.getBytes(StandardCharsets.UTF_8), Map.of(), false));
    }

    /** A body sent with chunked transfer encoding, so that its length is not known in advance. */
    LocalSite serveChunked(String host, String path, String body) {
        return answer(host, path, new Answer(200, body.getBytes(StandardCharsets.UTF_8), Map.of(), true));
    }

    /** A slow site: it answers at once, then sends its body one byte every quarter of a second. */
    LocalSite dribble(String host, String path, String body) {
        return answer(host, path, new Answer(200, body.getBytes(StandardCharsets.UTF_8), Map.of(), true, true));
    }

    LocalSite redirect(String host, String path, int status, String location) {
        return answer(host, path, new Answer(status, new byte[0], Map.of("Location", location), false));
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    List<Request> requests(String host) {
        return requests.stream().filter(r -> r.host().equals(host)).toList();
    }

    private LocalSite answer(String host, String path, Answer answer) {
        answers.put(host + path, answer);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String hostHeader = exchange.getRequestHeaders().getFirst("Host");
        String host = hostHeader == null ? "" : hostHeader.replaceFirst(":\\d+$", "");
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(host, hostHeader, path));
        Answer answer = answers.getOrDefault(host + path,
                new Answer(404, "Not Found".getBytes(StandardCharsets.UTF_8), Map.of(), false));
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", path.endsWith(".txt") ? "text/plain" : "text/html");
        long length = answer.body().length == 0 ? -1 : answer.chunked() ? 0 : answer.body().length;
        exchange.sendResponseHeaders(answer.status(), length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer.dribbled()) {
                dribble(out, answer.body());
            } else {
                out.write(answer.body());
            }
        } catch (IOException e) {
            // the check stops reading past its limit and hangs up; that is what the test wants
        }
    }

    private static void dribble(OutputStream out, byte[] body) throws IOException {
        for (byte b : body) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
