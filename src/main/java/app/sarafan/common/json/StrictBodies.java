package app.sarafan.common.json;

import java.util.Set;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Reads a request body where an unknown property must be a 400 rather than ignored: where a misspelt optional
 * property would silently widen what a request does (a filter condition that is dropped selects everyone). The
 * problems are the usual ones, naming the field (ProblemMappers maps both exceptions).
 */
@ApplicationScoped
public class StrictBodies {

    private final ObjectMapper json;
    private final Validator validator;

    StrictBodies(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        T value = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(body == null ? "" : body);
        if (value == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
