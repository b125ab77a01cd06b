package app.sarafan.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a member's feed: a message they were sent, its title and text written for them now (their
 * language, the current template), and the payload fields an app needs ({@link FeedData}). {@code readAt} is
 * null while unread.
 */
public record FeedEntry(String id, NotificationKind kind, Instant createdAt, Instant readAt, String title,
        String text, Map<String, Object> data) {
}
