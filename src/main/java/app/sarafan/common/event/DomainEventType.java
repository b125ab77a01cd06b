package app.sarafan.common.event;

/** The kinds of domain event; notifications and webhooks subscribe by these names. */
public enum DomainEventType {
    /** A new member registered with a referrer (payload: referrer, via). Sent to the referrer. */
    REFERRAL_REGISTERED,
    /** A member was bound to a referrer, at registration or at their first order (payload: referrer, via, flagged). */
    REFERRAL_BOUND,
    /** A binding was flagged for review (payload: reasons). */
    REFERRAL_FLAGGED
}
