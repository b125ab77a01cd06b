package app.sarafan.referral;

/** NONE for an ordinary binding; FLAGGED ones wait for an administrator to APPROVE or REJECT (unbind) them. */
public enum ReviewStatus {
    NONE, FLAGGED, APPROVED, REJECTED
}
