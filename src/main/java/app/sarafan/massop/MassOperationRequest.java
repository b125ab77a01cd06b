package app.sarafan.massop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A mass credit or debit: the same amount for each member of an explicit list ({@code members}, externalIds) or
 * of a {@code filter}. Credits may be delayed (pending for {@code delayDays}) and may burn ({@code lifetimeDays}
 * after they become available, or at {@code expiresAt}), as manual adjustments do.
 */
@RegisterForReflection
public record MassOperationRequest(
        @NotNull MassOperationType type,
        @Size(min = 1, max = 255) String operationKey,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 13, fraction = 2) BigDecimal amount,
        @NotBlank @Size(max = 500) String reason,
        @Size(min = 1, max = 200_000) List<@NotBlank @Size(max = 128) String> members,
        @Valid MemberFilter filter,
        @Positive @Max(36500) Integer lifetimeDays,
        Instant expiresAt,
        @PositiveOrZero @Max(3650) Integer delayDays) {
}
