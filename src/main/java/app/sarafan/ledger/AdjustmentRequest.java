package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A manual correction of one account. A credit may be delayed ({@code delayDays}: pending until then) and may
 * burn: {@code lifetimeDays} after it becomes available, or at {@code expiresAt}. A debit takes available
 * bonuses, soonest-expiring first.
 */
public record AdjustmentRequest(
        @NotNull AdjustmentType type,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 13, fraction = 2) BigDecimal amount,
        @NotBlank @Size(max = 500) String reason,
        @Positive @Max(36500) Integer lifetimeDays,
        Instant expiresAt,
        @PositiveOrZero @Max(3650) Integer delayDays) {
}
