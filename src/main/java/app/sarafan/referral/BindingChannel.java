package app.sarafan.referral;

/** How a member came to be bound to their referrer. */
public enum BindingChannel {
    /** The referrer's link or code. */
    LINK,
    /** A coupon the referrer handed out. */
    COUPON,
    /** A visit from the referrer's verified website. */
    SITE,
    /** Brought over from another system. */
    IMPORT
}
