package app.sarafan.notification;

import java.time.Instant;

/**
 * A template in force: the shop's saved version or ({@code isDefault}) the shipped one. {@code version} is the
 * ETag; 0 is the shipped template never edited. {@code subject} and {@code html} are null for an SMS.
 */
public record NotificationTemplateView(Channel channel, String kind, String locale, int version, boolean isDefault,
        String subject, String text, String html, Instant updatedAt, String updatedBy) {
}
