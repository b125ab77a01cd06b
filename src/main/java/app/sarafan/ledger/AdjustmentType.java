package app.sarafan.ledger;

public enum AdjustmentType {
    CREDIT, DEBIT
}
