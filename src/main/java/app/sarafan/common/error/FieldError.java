package app.sarafan.common.error;

/** One failing field of a request: {@code lines[2].price}, with the reason. */
public record FieldError(String field, String message) {
}
