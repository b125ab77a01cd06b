package app.sarafan.withdrawal;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A member's request to be paid {@code amount} bonuses (the fee included). Never printed with its details. */
public record WithdrawalRequest(
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 13, fraction = 2)
        BigDecimal amount,
        @NotNull PayoutMethod payoutMethod,
        @NotBlank @Size(min = 4, max = 200) String payoutDetails) {

    @Override
    public String toString() {
        return "WithdrawalRequest[amount=" + amount + ", payoutMethod=" + payoutMethod + ", payoutDetails="
                + PayoutDetails.mask(payoutDetails) + "]";
    }
}
