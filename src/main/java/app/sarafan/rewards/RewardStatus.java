package app.sarafan.rewards;

/** An ARCHIVED reward is no longer offered; its redemptions stay as they are. */
public enum RewardStatus {
    ACTIVE, ARCHIVED
}
