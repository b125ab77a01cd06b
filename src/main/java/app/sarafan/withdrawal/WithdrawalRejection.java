package app.sarafan.withdrawal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an administrator refuses a withdrawal; the member sees it. */
public record WithdrawalRejection(@NotBlank @Size(max = 500) String reason) {
}
