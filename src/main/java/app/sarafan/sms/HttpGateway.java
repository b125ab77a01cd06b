package app.sarafan.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An aggregator's HTTP gateway (sarafan.sms.transport=HTTP): one POST of JSON per SMS, with
 * {@code Authorization: Bearer <token>}. A 2xx answer is accepted (its {@code id} kept as the message id, else the
 * SMS's own reference); 400 and 422 say the message itself is wrong (permanent); any other answer, a timeout or a
 * refused connection is retried. The aggregator splits long texts itself; there are no delivery receipts.
 */
@ApplicationScoped
class HttpGateway {

    private final SmsConfig config;
    private final ObjectMapper json;
    private HttpClient client;

    HttpGateway(SmsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void check(@Observes StartupEvent start) {
        if (config.enabled() && config.transport() == SmsConfig.Transport.HTTP && config.http().url().isEmpty()) {
            throw new IllegalStateException("sarafan.sms.transport=HTTP needs sarafan.sms.http.url");
        }
    }

    List<String> submit(String phone, String text) {
        return submit(client(), config.http().url().orElseThrow(), config.http().token(), config.http().sender(),
                config.http().timeout(), json, phone, text);
    }

    /** Made on first use: an instance on SMPP never starts the client's thread. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(config.http().timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    /** The POST itself, apart from the bean so that a plain test can drive it. */
    static List<String> submit(HttpClient client, URI url, Optional<String> token, Optional<String> sender,
            Duration timeout, ObjectMapper json, String phone, String text) {
        String to = phone.startsWith("+") ? phone : "+" + phone;
        String reference = java.util.UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        sender.ifPresent(from -> body.put("from", from));
        body.put("text", text);
        body.put("reference", reference);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new SmsRefused("The message cannot be written as JSON", true, e);
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SmsRefused("SMS gateway unreachable: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsRefused("Interrupted while sending", false, e);
        }
        int status = answer.statusCode();
        if (status / 100 != 2) {
            throw new SmsRefused("SMS gateway answered HTTP " + status, status == 400 || status == 422, null);
        }
        return List.of(idIn(answer.body(), json).orElse(reference));
    }

    private static Optional<String> idIn(String body, ObjectMapper json) {
        try {
            JsonNode id = json.readTree(body == null || body.isBlank() ? "{}" : body).path("id");
            return id.isValueNode() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
