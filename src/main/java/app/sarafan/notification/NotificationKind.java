package app.sarafan.notification;

/**
 * The emails Sarafan sends; members opt out per kind. Most come from domain events (the outbox trigger of V9 maps
 * BONUS_ACCRUED to BONUS_ACCRUED or, for the birthday profile, BIRTHDAY; BONUS_REDEEMED to BONUS_SPENT;
 * WITHDRAWAL_STATUS_CHANGED to WITHDRAWAL_STATUS; V20 adds BALANCE_ADJUSTED and skips credits whose rule turned the email off; V30 the two reward
 * kinds, named as their events); EXPIRY_WARNING is written by the expiry warning job.
 * Emails to the operator address are {@link OperatorAlertKind}s, not members' kinds: nobody opts out of them.
 */
public enum NotificationKind {
    BONUS_ACCRUED, BONUS_SPENT, REFERRAL_REGISTERED, REFERRAL_PURCHASED, EXPIRY_WARNING, BIRTHDAY,
    WITHDRAWAL_STATUS, RANK_CHANGED, BALANCE_ADJUSTED, REWARD_REDEEMED, REWARD_REDEMPTION_CANCELLED
}
