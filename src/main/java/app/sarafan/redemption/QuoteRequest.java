package app.sarafan.redemption;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A cart of a member: how many bonuses may pay for it? */
public record QuoteRequest(
        @NotBlank @Size(max = 128) String externalId,
        @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull CartLine> lines) {
}
