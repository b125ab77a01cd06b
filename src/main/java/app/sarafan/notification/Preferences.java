package app.sarafan.notification;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A member's notification preferences: every kind and its channels, each on unless the member opted out. */
public record Preferences(@NotNull @Size(max = 20) List<@Valid @NotNull Preference> preferences) {
}
