package app.sarafan.rewards;

/** What a member gets for their bonuses. */
public enum RewardType {
    /** A code from a pool the administrator uploads; each code goes to exactly one member. */
    COUPON_POOL,
    /** A code generated from the reward's pattern ({@code GIFT-####-????}), unique across the catalogue. */
    COUPON_PATTERN,
    /** An amount off an order, issued as a generated code carrying the amount. */
    FIXED_DISCOUNT,
    /** Free shipping, issued as a generated code. */
    FREE_SHIPPING,
    /** Goods the shop hands over or ships; always with a stock. */
    PHYSICAL_GIFT;

    /** Whether a redemption of this type issues a code generated from a pattern. */
    boolean generatesCode() {
        return this == COUPON_PATTERN || this == FIXED_DISCOUNT || this == FREE_SHIPPING;
    }

    boolean issuesCode() {
        return this != PHYSICAL_GIFT;
    }
}
