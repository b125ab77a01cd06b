package app.sarafan.rewards;

/** ISSUED: the member has the reward; USED: the shop took its code at checkout; CANCELLED: bonuses given back. */
public enum RewardRedemptionStatus {
    ISSUED, USED, CANCELLED
}
