package app.sarafan.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The member's feed in the cabinet ({@link NotificationFeed}). */
@ConfigMapping(prefix = "sarafan.notifications.feed")
public interface FeedConfig {

    /**
     * How long an entry stays in the feed, counted from when it was written (business time). Older ones leave the
     * feed and its unread count; their outbox rows stay, as the mail log.
     */
    @WithDefault("P180D")
    Duration retention();
}
