package app.sarafan.award;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An administrator granting an award by hand. */
public record AwardGrant(@NotBlank @Size(max = 32) String award, @NotBlank @Size(max = 500) String reason) {
}
