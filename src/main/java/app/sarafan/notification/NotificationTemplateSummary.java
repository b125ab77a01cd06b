package app.sarafan.notification;

import java.time.Instant;

/** One template in the list: which it is and its version, without its text. */
public record NotificationTemplateSummary(Channel channel, String kind, String locale, int version,
        boolean isDefault, Instant updatedAt, String updatedBy) {
}
