package app.sarafan.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP gateway transport against a local HTTP server: the request it sends and how it reads answers. */
class HttpGatewayTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 202;
    private volatile String answer = "{\"id\":\"gw-81\"}";
    private HttpServer server;
    private URI url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private List<String> send(String phone, String text) {
        return HttpGateway.submit(HttpClient.newHttpClient(), url, Optional.of("tok-123"), Optional.of("ShopBonus"),
                Duration.ofSeconds(5), json, phone, text);
    }

    @Test
    void postsTheTextAsJsonWithTheBearerTokenAndKeepsTheGatewaysId() throws Exception {
        assertEquals(List.of("gw-81"), send("+79161234567", "Вам начислено 100.00 бонусов."));
        JsonNode sent = json.readTree(body.get());
        assertEquals("+79161234567", sent.get("to").asText());
        assertEquals("ShopBonus", sent.get("from").asText());
        assertEquals("Вам начислено 100.00 бонусов.", sent.get("text").asText());
        assertFalse(sent.get("reference").asText().isBlank());
        assertEquals("Bearer tok-123", authorization.get());
    }

    @Test
    void anAnswerWithoutAnIdKeepsOurReference() throws Exception {
        answer = "";
        List<String> ids = send("79161234567", "hello");
        assertEquals(json.readTree(body.get()).get("reference").asText(), ids.get(0));
        assertEquals("+79161234567", json.readTree(body.get()).get("to").asText(), "E.164 with its +");
    }

    @Test
    void aBadRequestIsPermanentAndAnOutageIsRetried() {
        status = 400;
        answer = "{\"error\":\"bad number\"}";
        SmsRefused bad = assertThrows(SmsRefused.class, () -> send("+79161234567", "x"));
        assertTrue(bad.permanent());
        assertEquals("SMS gateway answered HTTP 400", bad.getMessage());
        status = 503;
        assertFalse(assertThrows(SmsRefused.class, () -> send("+79161234567", "x")).permanent());
        server.stop(0);
        SmsRefused down = assertThrows(SmsRefused.class, () -> send("+79161234567", "x"));
        assertFalse(down.permanent());
        assertFalse(down.getMessage().contains("tok-123"), "the token is never in a message");
    }
}
