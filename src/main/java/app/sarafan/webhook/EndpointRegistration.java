package app.sarafan.webhook;

import java.util.List;

import app.sarafan.common.event.DomainEventType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An endpoint to register; without a secret, Sarafan generates one ({@code whsec_...}). */
public record EndpointRegistration(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 20) List<@NotNull DomainEventType> eventTypes,
        @Size(max = 500) String description,
        @Size(min = 24, max = 200) String secret) {
}
