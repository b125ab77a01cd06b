package app.sarafan.audit;

/** The kind of thing an audit entry is about; with the entity's id it names one thing across its whole history. */
public enum AuditEntityType {
    RULE,
    RANK,
    RANK_RECALCULATION,
    AWARD,
    MEMBER_AWARD,
    ADJUSTMENT,
    COUPON_FORMAT,
    REFERRAL_REVIEW,
    IMPORT,
    WITHDRAWAL,
    PROMO_MATERIAL,
    MEMBER,
    MASS_OPERATION,
    WEBHOOK,
    JOB,
    REWARD,
    REWARD_REDEMPTION,
    SETTINGS,
    /** Named {@code <channel>/<kind>/<locale>}, as in its path: {@code EMAIL/BONUS_ACCRUED/en}. */
    NOTIFICATION_TEMPLATE
}
