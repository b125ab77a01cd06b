package app.sarafan.massop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Which members an operation acts on, all conditions together (AND); a condition left out does not filter.
 * Evaluated once, when the operation is accepted. {@code ranks}: members holding one of these ranks. Stored as JSON with the operation.
 */
@RegisterForReflection
public record MemberFilter(
        Instant registeredFrom,
        Instant registeredTo,
        @Min(1) @Max(12) Integer birthdayMonth,
        Boolean blocked,
        Boolean hasReferrer,
        @Digits(integer = 13, fraction = 2) BigDecimal minBalance,
        @Size(max = 50) List<@NotBlank @Size(max = 32) String> ranks) {
}
