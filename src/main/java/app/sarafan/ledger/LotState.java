package app.sarafan.ledger;

/** PENDING → ACTIVE → SPENT or EXPIRED; PENDING → VOIDED. */
public enum LotState {
    PENDING, ACTIVE, SPENT, EXPIRED, VOIDED
}
