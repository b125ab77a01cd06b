package app.sarafan.common.event;

/**
 * The kinds of domain event; notifications and outbound webhooks subscribe by these names. Payloads are flat JSON
 * objects; money is a string with two decimals, instants RFC 3339, members named by externalId.
 */
public enum DomainEventType {
    /** A new member registered with a referrer (payload: referrer, via). Sent to the referrer. */
    REFERRAL_REGISTERED,
    /** A member was bound to a referrer, at registration or at their first order (payload: referrer, via, flagged). */
    REFERRAL_BOUND,
    /** A binding was flagged for review (payload: reasons). */
    REFERRAL_FLAGGED,
    /**
     * Bonuses were credited by a rule (payload: transactionId, amount, pending, availableFrom, expiresAt, profile,
     * ruleId, reason, orderId?, referral? (externalId of the referral who caused it), level?, notified: false when
     * the rule turned its recipient's email off).
     */
    BONUS_ACCRUED,
    /** Accrued bonuses were voided or taken back, e.g. a cancelled order (payload: transactionId, amount, orderId). */
    BONUS_REVERSED,
    /** Bonuses paid (part of) an order (payload: amount, orderId, redemptionId). */
    BONUS_REDEEMED,
    /** Bonuses spent on an order came back after a cancellation or refund (payload: amount, orderId). */
    BONUS_RETURNED,
    /** Bonuses burnt at the end of their lifetime (payload: amount, transactionId). */
    BONUS_EXPIRED,
    /** A referral paid an order; sent to the direct referrer (payload: referral, orderId, amount, first). */
    REFERRAL_PURCHASED,
    /** A withdrawal request changed status (payload: withdrawalId, status, amount, reason?). Never payout details. */
    WITHDRAWAL_STATUS_CHANGED,
    /**
     * An administrator credited or debited the account by hand (payload: transactionId, type CREDIT/DEBIT, amount,
     * reason, pending, availableFrom, expiresAt; the last two null when they do not apply).
     */
    BALANCE_ADJUSTED,
    /** A member's rank changed (payload: from, fromName, to, toName, cause EVENT/NIGHTLY/MANUAL; from/to null = no rank). */
    RANK_CHANGED,
    /**
     * A rule's campaign budget reached 80 % or 100 % in its period, announced once each per period; 100 % also when
     * a reward no longer fits (payload: ruleId, ruleName, threshold, period, periodStart, periodEnd?, bonusesBudget?,
     * bonusesUsed, grantsBudget?, grantsUsed). No member: webhooks only.
     */
    RULE_BUDGET_THRESHOLD,
    /**
     * A member redeemed a reward of the catalogue (payload: redemptionId, rewardCode, rewardName, rewardType, price,
     * transactionId, discountAmount?). Never the code itself: only its owner sees it. Webhooks only.
     */
    REWARD_REDEEMED,
    /**
     * An administrator cancelled a reward redemption; its bonuses came back (payload: redemptionId, rewardCode,
     * rewardName, rewardType, price, reason). Webhooks only.
     */
    REWARD_REDEMPTION_CANCELLED
}
