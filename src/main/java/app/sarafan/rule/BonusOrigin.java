package app.sarafan.rule;

/**
 * Where bonuses came from, as withdrawal rules name it ({@code withdrawableKinds}). Derived from the transaction that
 * credited a lot: a referral reward (any level) is REFERRAL; otherwise the profile of the rule that granted it; manual
 * credits are ADJUSTMENT, imported balances IMPORTED. Spent bonuses that come back keep the origin they had.
 */
public enum BonusOrigin {
    /** A reward for a referral's registration or purchase, at any level of the network. */
    REFERRAL,
    /** Cashback of a placed or paid order (ORDER_PLACED, ORDER_PAID). */
    CASHBACK,
    /** The registration bonus. */
    WELCOME,
    BIRTHDAY,
    /** Profile completed, newsletter subscription, review published. */
    ACTIVITY,
    /** A member's or referrer's achievement. */
    ACHIEVEMENT,
    /** Bonuses sent by an outside system (EXTERNAL_BONUS). */
    EXTERNAL,
    /** A reward of the supplier or manufacturer of a sold product. */
    RIGHTS_HOLDER,
    /** A manual credit by an administrator. */
    ADJUSTMENT,
    /** A balance brought over from another system. */
    IMPORTED;

    /** The origin of a credit from what its transaction recorded. */
    public static BonusOrigin of(Integer referralLevel, RuleProfile profile, String kind, String sourceType) {
        if (referralLevel != null) {
            return REFERRAL;
        }
        if (profile != null) {
            return switch (profile) {
                case ORDER_PLACED, ORDER_PAID -> CASHBACK;
                case REGISTRATION -> WELCOME;
                case BIRTHDAY -> BIRTHDAY;
                case PROFILE_COMPLETED, NEWSLETTER_SUBSCRIBED, REVIEW_PUBLISHED -> ACTIVITY;
                case USER_ACHIEVEMENT, REFERRER_ACHIEVEMENT -> ACHIEVEMENT;
                case EXTERNAL_BONUS -> EXTERNAL;
                case RIGHTS_HOLDER -> RIGHTS_HOLDER;
                case PAY_WITH_BONUSES, WITHDRAWAL -> ADJUSTMENT;
            };
        }
        if ("IMPORT".equals(sourceType)) {
            return IMPORTED;
        }
        return "ADJUSTMENT".equals(kind) ? ADJUSTMENT : EXTERNAL;
    }
}
