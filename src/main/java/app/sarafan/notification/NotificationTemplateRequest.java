package app.sarafan.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A template as an administrator writes it, in Qute: an email's {@code subject} (one line), {@code text} and
 * {@code html} (left out, it is written from the text), or an SMS's {@code text} alone.
 */
public record NotificationTemplateRequest(
        @Size(max = 300) String subject,
        @NotBlank @Size(max = 20000) String text,
        @Size(max = 100000) String html) {
}
