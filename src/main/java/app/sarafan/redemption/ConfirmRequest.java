package app.sarafan.redemption;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

/** The bonuses that actually paid the order; omitted: all that are reserved. */
public record ConfirmRequest(
        @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 13, fraction = 2)
        BigDecimal amount) {
}
