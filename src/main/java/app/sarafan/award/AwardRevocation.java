package app.sarafan.award;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record AwardRevocation(@NotBlank @Size(max = 500) String reason) {
}
