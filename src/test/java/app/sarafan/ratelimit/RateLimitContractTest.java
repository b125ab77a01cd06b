package app.sarafan.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** Every operation can be refused for its rate, so every operation says so, with the headers a client needs. */
class RateLimitContractTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

    private final JsonNode contract;

    RateLimitContractTest() throws IOException {
        contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
    }

    @Test
    void everyOperationDeclaresThe429OfTheSharedComponent() {
        List<String> missing = new ArrayList<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (HTTP_METHODS.contains(op.getKey())
                    && !TOO_MANY_REQUESTS.equals(op.getValue().path("responses").path("429").path("$ref").asText())) {
                missing.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertTrue(missing.isEmpty(), "operations without '429': " + TOO_MANY_REQUESTS + ":\n"
                + String.join("\n", missing));
    }

    @Test
    void everyAnswerOfEveryOperationDeclaresTheRateLimitFields() {
        List<String> missing = new ArrayList<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!HTTP_METHODS.contains(op.getKey())) {
                return;
            }
            op.getValue().path("responses").fields().forEachRemaining(answer -> {
                JsonNode response = answer.getValue();
                if (response.has("$ref")) {
                    response = contract.at(response.get("$ref").asText().substring(1));
                }
                JsonNode headers = response.path("headers");
                if (!headers.has("RateLimit") || !headers.has("RateLimit-Policy")) {
                    missing.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + answer.getKey());
                }
            });
        }));
        assertTrue(missing.isEmpty(), "answers without RateLimit and RateLimit-Policy:\n" + String.join("\n", missing));
    }

    @Test
    void theSharedResponseIsAProblemWithRetryAfterAndTheRateLimitFields() {
        JsonNode response = contract.at("/components/responses/TooManyRequests");
        Set<String> headers = new TreeSet<>();
        response.get("headers").fieldNames().forEachRemaining(headers::add);
        assertEquals(new TreeSet<>(Set.of("Retry-After", "RateLimit", "RateLimit-Policy")), headers);
        assertEquals("integer", response.at("/headers/Retry-After/schema/type").asText());
        JsonNode example = response.at("/content/application~1problem+json/example");
        assertEquals("https://sarafan.app/problems/rate-limited", example.get("type").asText());
        assertEquals(429, example.get("status").asInt());
        assertEquals("Too many requests", example.get("title").asText());
    }
}
