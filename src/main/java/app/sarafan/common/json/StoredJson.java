package app.sarafan.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * JSON that Sarafan writes into its own tables (rule definitions, settings, outbox payloads, replayed responses)
 * and reads back, with the API's mapper so money keeps its form. A failure here is a bug, not bad input.
 */
@ApplicationScoped
public class StoredJson {

    private final ObjectMapper json;

    StoredJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type.getSimpleName(), e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored " + type.getType(), e);
        }
    }
}
