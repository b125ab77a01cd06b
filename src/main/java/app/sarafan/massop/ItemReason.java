package app.sarafan.massop;

/** Why a member of an operation was not done. */
public enum ItemReason {
    /** The externalId names no member (FAILED). */
    UNKNOWN_MEMBER,
    /** A debit larger than the member's available bonuses (FAILED); a debit never overdraws. */
    INSUFFICIENT_BALANCE,
    /** The member is blocked and the operation did not select blocked members (SKIPPED). */
    MEMBER_BLOCKED,
    /** The operation was cancelled before this member's turn (SKIPPED). */
    OPERATION_CANCELLED,
    /** An unexpected error; the detail has an error id for support (FAILED). */
    ERROR
}
