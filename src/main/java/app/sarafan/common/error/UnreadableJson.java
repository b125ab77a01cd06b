package app.sarafan.common.error;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

/**
 * Says what is wrong with a body that is not exactly one JSON value Sarafan understands, in the caller's words: the
 * field as a JSON path ({@code rewards[0].percent}) or the position (line and column). Never Jackson's own message:
 * it names Java classes and Jackson's features.
 * <ul>
 * <li>a duplicated key or an unknown property: {@code validation}, the field named in {@code errors};</li>
 * <li>a value of the wrong type or form: {@code validation}, the field named;</li>
 * <li>content after the JSON value, invalid JSON, a body that is not an object: {@code malformed-request}, the
 * position in {@code detail}.</li>
 * </ul>
 */
public final class UnreadableJson {

    private UnreadableJson() {
    }

    public static Problem problem(JsonProcessingException e) {
        // Jackson wraps what fails inside a property (a repeated key in "order") with the property's path; what the
        // parser found is the innermost failure.
        JsonProcessingException failure = innermost(e);
        JsonParser parser = failure.getProcessor() instanceof JsonParser p ? p : null;
        if (afterTheValue(parser)) {
            // FAIL_ON_TRAILING_TOKENS: a second value, or text that is no JSON at all, after the first value.
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The body must be exactly one JSON value; more content "
                    + "follows it" + at(failure.getLocation()));
        }
        if (failure instanceof StreamConstraintsException) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The body exceeds what is read: " + limits(parser)
                    + at(failure.getLocation()));
        }
        if (failure instanceof JsonParseException) {
            String duplicate = duplicateKey(failure);
            if (duplicate != null) {
                // STRICT_DUPLICATE_DETECTION: the parser stands in the object that repeats the key.
                String object = parser == null ? "" : fieldOf(parser.getParsingContext());
                String field = object.isEmpty() ? duplicate : object + "." + duplicate;
                return Problem.validation(List.of(new FieldError(field, "appears more than once in its object; "
                        + "a key may be given once")));
            }
            if (failure instanceof JsonEOFException) {
                return Problem.of(ProblemType.MALFORMED_REQUEST, "The body ends before its JSON value is complete"
                        + at(failure.getLocation()));
            }
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON"
                    + at(failure.getLocation()));
        }
        if (e instanceof PropertyBindingException unknown) {
            return Problem.validation(List.of(new FieldError(fieldOf(unknown.getPath()),
                    "is not a known property; known are " + known(unknown))));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String reason = failure instanceof InputCoercionException ? "is a number out of range" : reasonOf(mapping);
            return Problem.validation(List.of(new FieldError(fieldOf(mapping.getPath()), reason)));
        }
        // Valid JSON of the wrong shape at the top (an array, a string).
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }

    private static String limits(JsonParser parser) {
        StreamReadConstraints limits = parser == null ? StreamReadConstraints.defaults() : parser.streamReadConstraints();
        return "objects and arrays nested at most " + limits.getMaxNestingDepth() + " deep, numbers of at most "
                + limits.getMaxNumberLength() + " digits, strings of at most " + limits.getMaxStringLength()
                + " characters";
    }

    private static JsonProcessingException innermost(JsonProcessingException e) {
        JsonProcessingException found = e;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                found = json;
            }
        }
        return found;
    }

    /**
     * Whether the parser had finished the body's value when it failed: the root context counts the values at the
     * top level, and only the first is read.
     */
    private static boolean afterTheValue(JsonParser parser) {
        if (parser == null) {
            return false;
        }
        JsonStreamContext context = parser.getParsingContext();
        while (context != null && !context.inRoot()) {
            context = context.getParent();
        }
        return context != null && context.getCurrentIndex() > 0;
    }

    /**
     * The key a body repeats, or null. Jackson's duplicate detection has no exception type of its own and does not
     * put the key into the parser's path; its message ("Duplicate field 'type'") is the only sign.
     */
    private static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (message == null || !message.startsWith(prefix) || !message.endsWith("'")) {
            return null;
        }
        return message.substring(prefix.length(), message.length() - 1);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static List<String> known(PropertyBindingException e) {
        if (e.getKnownPropertyIds() == null) {
            return List.of();
        }
        return e.getKnownPropertyIds().stream().map(Objects::toString).sorted().toList();
    }

    private static String reasonOf(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == BigDecimal.class) {
            // MoneyJsonModule's own words.
            return invalid.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + JsonTypeNames.describe(mismatch.getTargetType());
        }
        return "is not a valid value here";
    }

    static String fieldOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The path from the root to the object or array the parser is in: {@code rewards[0]}. */
    static String fieldOf(JsonStreamContext context) {
        StringBuilder field = new StringBuilder();
        for (JsonStreamContext at = context == null ? null : context.getParent(); at != null && !at.inRoot();
                at = at.getParent()) {
            String step;
            if (at.inObject()) {
                String name = at.getCurrentName();
                step = name == null ? "" : (at.getParent() != null && !at.getParent().inRoot() ? "." : "") + name;
            } else {
                step = "[" + Math.max(at.getCurrentIndex(), 0) + "]";
            }
            field.insert(0, step);
        }
        return field.toString();
    }
}
