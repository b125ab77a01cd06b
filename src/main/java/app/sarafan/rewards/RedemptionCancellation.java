package app.sarafan.rewards;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an administrator cancels a redemption; kept on it, in its returned transactions and in the audit log. */
public record RedemptionCancellation(@NotBlank @Size(max = 500) String reason) {
}
