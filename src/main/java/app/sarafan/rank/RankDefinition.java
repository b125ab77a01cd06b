package app.sarafan.rank;

import java.math.BigDecimal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A rank as administrators write it. {@code position} orders ranks (higher is better); a member holds the highest
 * rank whose every given threshold they reach. A rank without thresholds is everybody's starting rank.
 */
public record RankDefinition(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}", message = "must be UPPER_SNAKE_CASE, up to 32 characters")
        String code,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(0) @Max(1000) Integer position,
        @PositiveOrZero BigDecimal minTotalPaid,
        @Min(0) @Max(10_000_000) Integer minPayingReferrals,
        @PositiveOrZero BigDecimal minBonusesEarned) {
}
