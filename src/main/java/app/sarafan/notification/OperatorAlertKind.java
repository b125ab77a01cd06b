package app.sarafan.notification;

/**
 * The emails sent to the operator address (sarafan.notifications.operator-email), not to members: kept apart from
 * {@link NotificationKind} so that they never show among a member's notification preferences. Stored in the same
 * {@code notification.kind} column, so no name may be a {@link NotificationKind} too.
 */
public enum OperatorAlertKind {
    /** A webhook endpoint was disabled after failing for too long (webhook/WebhookDelivery). */
    WEBHOOK_DISABLED,
    /** A rule's campaign budget reached 80 % or 100 % (earning/CampaignBudgets). */
    RULE_BUDGET_THRESHOLD
}
