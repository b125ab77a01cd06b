package app.sarafan.rewards;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A reward as administrators write it (create and update alike). What depends on the type — a pattern, a discount,
 * a stock — is checked as a whole by {@link RewardRules}.
 */
public record RewardDefinition(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}", message = "must be UPPER_SNAKE_CASE, up to 32 characters")
        String code,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 500) String description,
        @NotNull RewardType type,
        @NotNull @Positive BigDecimal price,
        @Size(max = 50) List<@Valid @NotNull RankPrice> rankPrices,
        @Size(max = CodePattern.MAX_LENGTH) String codePattern,
        @Positive BigDecimal discountAmount,
        Instant availableFrom,
        Instant availableUntil,
        @Positive @Max(1_000_000) Integer perMemberLimit,
        @PositiveOrZero @Max(100_000_000) Integer totalStock) {

    List<RankPrice> rankPricesOrNone() {
        return rankPrices == null ? List.of() : rankPrices;
    }
}
