package app.sarafan.redemption;

/** RESERVED → CAPTURED (the order was paid) or RELEASED (cancelled, timed out, paid without bonuses). */
public enum RedemptionStatus {
    RESERVED, CAPTURED, RELEASED
}
