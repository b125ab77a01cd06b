package app.sarafan.notification;

/** How many entries of the member's feed are unread. */
public record UnreadCount(long unreadCount) {
}
