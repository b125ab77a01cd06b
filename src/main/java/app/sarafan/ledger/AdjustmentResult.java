package app.sarafan.ledger;

/** The transaction an adjustment wrote and the balance after it. */
public record AdjustmentResult(TransactionView transaction, Balance balance) {
}
