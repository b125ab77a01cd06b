package app.sarafan.notification;

import jakarta.validation.constraints.NotNull;

/** Whether a member receives one kind of email. */
public record Preference(@NotNull NotificationKind kind, @NotNull Boolean enabled) {
}
