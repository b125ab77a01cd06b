package app.sarafan.notification;

import java.util.List;

/** A page of the feed, newest first, with the member's unread count (of the whole feed, not of the page). */
public record FeedPage(List<FeedEntry> items, String nextCursor, long unreadCount) {
}
