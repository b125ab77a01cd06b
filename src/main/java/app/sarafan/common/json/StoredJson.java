package app.sarafan.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * JSON that Sarafan writes into its own tables (rule definitions, settings, outbox payloads, replayed responses)
 * and reads back, with the API's mapper so money keeps its form. A failure here is a bug, not bad input.
 * Unlike request bodies, a stored document may hold a property this version no longer knows (written before it was
 * dropped): it is ignored, so that old rows stay readable.
 */
@ApplicationScoped
public class StoredJson {

    private final ObjectMapper json;
    private final ObjectReader reader;

    StoredJson(ObjectMapper json) {
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
            return reader.forType(type).readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored " + type.getSimpleName(), e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return reader.forType(type).readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored " + type.getType(), e);
        }
    }
}
