package app.sarafan.redemption;

/** What decided the maximum when it is above 0: the rule's percent of the eligible lines, or the balance. */
public enum LimitedBy {
    MAX_PERCENT, BALANCE
}
