package app.sarafan.award;

import java.math.BigDecimal;

import app.sarafan.rule.RuleDefinition.Metric;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An award as administrators write it. With a metric and threshold it is granted to every member whose lifetime
 * figure reaches it; without, only by an achievement rule naming it or by hand.
 */
public record AwardDefinition(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}", message = "must be UPPER_SNAKE_CASE, up to 32 characters")
        String code,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 500) String description,
        @Size(max = 500) @Pattern(regexp = AwardDefinition.IMAGE_URL, message = "must be an https URL") String imageUrl,
        Metric metric,
        @Positive BigDecimal threshold,
        Boolean active) {

    /**
     * {@code https://} and no ASCII whitespace: Java's {@code \S}, spelt out because ECMA-262's {@code \S} (what
     * JSON Schema tools run for the pattern in openapi.yaml) also refuses Unicode spaces; the same text there.
     */
    static final String IMAGE_URL = "https://[^\\t\\n\\x0B\\f\\r ]+";
}
