package app.sarafan.redemption;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One line of a cart or order as the shop sends it: a product, its category, the price of one unit, how many. */
public record CartLine(
        @NotBlank @Size(max = 100) String sku,
        @Size(max = 100) String category,
        @NotNull @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 13, fraction = 2)
        BigDecimal unitPrice,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity) {

    BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
