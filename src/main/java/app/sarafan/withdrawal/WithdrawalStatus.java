package app.sarafan.withdrawal;

/** REQUESTED → APPROVED → PAID; REQUESTED or APPROVED → REJECTED. The amount is held until PAID or REJECTED. */
public enum WithdrawalStatus {
    REQUESTED, APPROVED, REJECTED, PAID;

    boolean open() {
        return this == REQUESTED || this == APPROVED;
    }
}
