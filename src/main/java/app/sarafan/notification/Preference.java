package app.sarafan.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * How a member receives one kind of message. {@code enabled} is the email channel (what it meant before there
 * were channels, kept for the clients written then) and always equals {@code channels.email} in an answer. In a
 * change, either or both may be given; a channel not named stays as it was.
 */
public record Preference(@NotNull NotificationKind kind, Boolean enabled, @Valid PreferenceChannels channels) {
}
