package app.sarafan.leaderboard;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A member's choice: a display name of their own (required with DISPLAY_NAME), masked, or anonymous. */
public record LeaderboardProfileUpdate(
        @NotNull Visibility visibility,
        @Size(min = 2, max = 40) @Pattern(regexp = "[\\p{L}\\p{N} ._'-]+",
                message = "may contain only letters, digits, spaces and . _ ' -") String displayName) {
}
