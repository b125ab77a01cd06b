package app.sarafan.audit;

/**
 * What an administrator (or a shop, for blocks) did. A fixed list so that the audit log filter can refuse a typo
 * instead of silently answering nothing; the mass operation, webhook and job actions are here already so that wiring
 * those features is one call.
 */
public enum AuditAction {
    RULE_CREATED,
    RULE_UPDATED,
    RANK_CREATED,
    RANK_UPDATED,
    RANK_RECALCULATION_RUN,
    AWARD_CREATED,
    AWARD_UPDATED,
    AWARD_GRANTED,
    AWARD_REVOKED,
    ADJUSTMENT_CREATED,
    COUPON_FORMAT_UPDATED,
    REFERRAL_REVIEW_APPROVED,
    REFERRAL_REVIEW_REJECTED,
    IMPORT_CREATED,
    WITHDRAWAL_APPROVED,
    WITHDRAWAL_REJECTED,
    WITHDRAWAL_MARKED_PAID,
    /** An administrator read a withdrawal's full payout details (the entry holds them masked). */
    WITHDRAWAL_PAYOUT_DETAILS_READ,
    PROMO_MATERIAL_CREATED,
    PROMO_MATERIAL_UPDATED,
    PROMO_MATERIAL_DELETED,
    MEMBER_BLOCKED,
    MEMBER_UNBLOCKED,
    MASS_OPERATION_STARTED,
    MASS_OPERATION_CANCELLED,
    WEBHOOK_CREATED,
    WEBHOOK_UPDATED,
    WEBHOOK_DELETED,
    /** An endpoint whose deliveries kept failing was disabled by the sender (actor {@code system}). */
    WEBHOOK_DISABLED,
    JOB_RUN,
    REWARD_CREATED,
    REWARD_UPDATED,
    REWARD_ARCHIVED,
    REWARD_CODES_ADDED,
    REWARD_STOCK_ADDED,
    REWARD_REDEMPTION_CANCELLED,
    SETTINGS_UPDATED,
    NOTIFICATION_TEMPLATE_UPDATED,
    /** A template was set back to the shipped one (a new version; the replaced ones stay in the history). */
    NOTIFICATION_TEMPLATE_RESET
}
