package app.sarafan.redemption;

/** Why no bonuses may pay for a cart; checked in this order, the first that holds is given. */
public enum QuoteReason {
    /** No pay-with-bonuses rule is in force: bonuses cannot pay for orders at all. */
    NO_RULE,
    MEMBER_BLOCKED,
    /** The order total is below the rule's minimum order. */
    BELOW_MIN_ORDER,
    /** Every line is of an excluded category (or costs nothing). */
    NOTHING_ELIGIBLE,
    /** The member has no available bonuses. */
    NO_BALANCE
}
