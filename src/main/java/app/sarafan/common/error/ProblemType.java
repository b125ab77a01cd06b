package app.sarafan.common.error;

import java.net.URI;

/** The kinds of problem Sarafan answers with; each {@code type} URI is documented in openapi.yaml. */
public enum ProblemType {
    VALIDATION(400, "validation", "The request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "The request body cannot be read"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    DUPLICATE(409, "duplicate", "Already exists"),
    INSUFFICIENT_BALANCE(409, "insufficient-balance", "Insufficient available balance"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency-Key was used with another request"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this Idempotency-Key is in progress"),
    MEMBER_BLOCKED(409, "member-blocked", "The member is blocked"),
    LIMIT_REACHED(409, "limit-reached", "A limit is reached"),
    WRONG_STATE(409, "wrong-state", "Not possible in the current state"),
    OUT_OF_STOCK(409, "out-of-stock", "Out of stock"),
    BONUSES_NOT_RESERVED(409, "bonuses-not-reserved", "The bonuses applied are not reserved"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource changed since you read it"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match is required"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL(500, "internal", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    public static final String BASE = "https://sarafan.app/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }
}
