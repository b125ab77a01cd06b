package app.sarafan.redemption;

/** Why a reservation was released without being spent. */
public enum ReleaseReason {
    /** The shop cancelled the reservation (POST /v1/redemptions/{id}/cancel). */
    CANCELLED,
    /** The shop's order was cancelled before it was paid. */
    ORDER_CANCELLED,
    /** Neither paid nor cancelled within the reservation timeout. */
    TIMED_OUT,
    /** The order was paid with no bonuses (its bonusesApplied was 0.00, or confirmed with 0.00). */
    PAID_WITHOUT_BONUSES
}
