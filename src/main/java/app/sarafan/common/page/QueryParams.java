package app.sarafan.common.page;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import app.sarafan.common.error.ProblemException;

/**
 * Query parameters arrive as strings and are parsed here, so that a bad value is a 400 naming the parameter
 * (JAX-RS would answer a failed conversion of a query parameter with 404). A value is read exactly as sent:
 * only an absent parameter is absent; spaces or an empty value are refused, as the contract's types say.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an RFC 3339 instant such as 2026-11-25T13:00:00Z");
        }
    }

    public static Integer integer(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be an integer");
        }
    }

    /** One of an enum's constants by its exact name; null when absent. */
    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + List.of(type.getEnumConstants()));
        }
    }

    /** A [from, to) period; to must come after from. */
    public static Instant[] period(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new Instant[] {start, end};
    }
}
