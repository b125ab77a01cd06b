package app.sarafan.ledger;

/**
 * What a ledger transaction did. Which part of the balance it moved is in its amounts, not in its kind; the kinds
 * are for people and filters.
 */
public enum TransactionKind {
    /** Bonuses earned by a rule or granted from outside; pending first when the rule has a delay. */
    ACCRUAL,
    /** A pending accrual became available (its hold period ended). */
    ACTIVATION,
    /** A pending accrual was cancelled before it became available. */
    VOID,
    /** Available bonuses put on hold by an unfinished redemption or withdrawal. */
    HOLD,
    /** A hold given back to available. */
    RELEASE,
    /** Bonuses spent on an order, or on a reward of the catalogue (source type REWARD). */
    REDEMPTION,
    /** Spent bonuses given back (order cancelled or refunded, reward redemption cancelled). */
    RETURN,
    /** An accrual taken back (order cancelled or refunded). */
    REVERSAL,
    /** What was left of a lot when its lifetime ended. */
    EXPIRY,
    /** Bonuses paid out to the member. */
    WITHDRAWAL,
    /** A manual correction by an administrator, credit or debit, with its reason. */
    ADJUSTMENT
}
