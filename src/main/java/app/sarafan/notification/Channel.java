package app.sarafan.notification;

/** How a message reaches a member; members opt out of a kind per channel ({@code notification_opt_out.channel}). */
public enum Channel {
    EMAIL, FEED, SMS
}
