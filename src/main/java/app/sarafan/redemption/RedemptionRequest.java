package app.sarafan.redemption;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Reserve bonuses for an order: {@code amount} of them, or as many as the rule and balance allow when omitted. */
public record RedemptionRequest(
        @NotBlank @Size(max = 128) String externalId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:/#-]+",
                message = "letters, digits and . _ : / # - only") String orderId,
        @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 13, fraction = 2)
        BigDecimal amount,
        @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull CartLine> lines) {
}
