package app.sarafan.notification;

/**
 * A kind's channels ({@link Channel}): on unless the member turned them off. In a change, null (absent) leaves
 * the channel as it was. Whether an SMS is sent also depends on the member having a phone and the SMS channel
 * being configured; this only records the member's choice.
 */
public record PreferenceChannels(Boolean email, Boolean feed, Boolean sms) {

    boolean namesNone() {
        return email == null && feed == null && sms == null;
    }
}
