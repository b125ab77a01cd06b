package app.sarafan.rule;

/** The loyalty profiles of SPEC §4: what a rule reacts to (earning 1–11) or governs (spending 12–13). */
public enum RuleProfile {
    REGISTRATION, BIRTHDAY, ORDER_PLACED, ORDER_PAID, PROFILE_COMPLETED, NEWSLETTER_SUBSCRIBED, REVIEW_PUBLISHED,
    USER_ACHIEVEMENT, REFERRER_ACHIEVEMENT, EXTERNAL_BONUS, RIGHTS_HOLDER,
    PAY_WITH_BONUSES, WITHDRAWAL;

    public boolean earning() {
        return this != PAY_WITH_BONUSES && this != WITHDRAWAL;
    }

    /** Profiles whose event has an order, so that a percent of the order and product conditions make sense. */
    public boolean aboutOrders() {
        return this == ORDER_PLACED || this == ORDER_PAID || this == RIGHTS_HOLDER || this == PAY_WITH_BONUSES;
    }
}
