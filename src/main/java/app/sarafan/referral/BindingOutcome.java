package app.sarafan.referral;

/** What a binding attempt did. Only BOUND and FLAGGED bind; the others say why not. */
public enum BindingOutcome {
    BOUND,
    /** Bound, but held for an administrator's review (same IP/device as the referrer, a busy visitor id...). */
    FLAGGED,
    ALREADY_BOUND,
    /** No code, coupon, site visit or visitor history pointed to a referrer. */
    NOT_ATTRIBUTED,
    UNKNOWN_CODE,
    SELF_REFERRAL,
    CYCLE,
    REFERRER_BLOCKED,
    /** The member being bound is blocked. */
    MEMBER_BLOCKED,
    /** An administrator rejected this member's earlier binding; they are not bound again. */
    REJECTED_IN_REVIEW
}
