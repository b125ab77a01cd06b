package app.sarafan.event;

/** What a shop reports (SPEC §5). */
public enum ShopEventType {
    MEMBER_REGISTERED, ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, ORDER_REFUNDED, PROFILE_COMPLETED,
    NEWSLETTER_SUBSCRIBED, REVIEW_PUBLISHED, EXTERNAL_BONUS;

    public boolean aboutOrder() {
        return name().startsWith("ORDER_");
    }
}
