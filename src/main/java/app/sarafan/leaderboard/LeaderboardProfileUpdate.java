package app.sarafan.leaderboard;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A member's choice: a display name of their own (required with DISPLAY_NAME), masked, or anonymous. */
public record LeaderboardProfileUpdate(
        @NotNull Visibility visibility,
        @Size(min = 2, max = 40) @Pattern(regexp = LeaderboardProfileUpdate.DISPLAY_NAME,
                message = "may contain only Latin or Cyrillic letters, digits, spaces and . _ ' -") String displayName) {

    /**
     * Latin letters with their accented forms, Cyrillic letters, ASCII digits, space and {@code . _ ' -}. Written
     * with explicit ranges, the same text as the pattern in openapi.yaml: {@code \p{L}} means something else (or
     * nothing) in the ECMA-262 regular expressions JSON Schema tools run, so a validator in front of the service
     * would accept and refuse other names than the service does.
     */
    static final String DISPLAY_NAME =
            "[0-9A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0400-\\u0481\\u048A-\\u04FF ._'-]+";
}
