package app.sarafan.common.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem. Serialized as a map so that business errors can add members of their own
 * ({@code available} for an insufficient balance) without a class per error.
 */
public record Problem(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "errors");

    /**
     * RFC 9457 members keep their meaning (a client reads {@code status} as the integer HTTP status), so an
     * extension may not take one of their names, nor {@code errors}: a wrong state is {@code currentStatus}.
     */
    public Problem {
        for (String member : extensions.keySet()) {
            if (RESERVED.contains(member)) {
                throw new IllegalArgumentException("'" + member + "' is a standard problem member; give the "
                        + "extension another name");
            }
        }
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Map.of());
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
        return new Problem(ProblemType.VALIDATION, detail, List.copyOf(errors), Map.of());
    }

    /** The same problem with one more member of its own (never a standard member's name). */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, detail, errors, more);
    }

    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        body.putAll(extensions);
        return body;
    }

    public Response toResponse(String instance) {
        return Response.status(type.status()).type(MEDIA_TYPE).entity(body(instance)).build();
    }
}
