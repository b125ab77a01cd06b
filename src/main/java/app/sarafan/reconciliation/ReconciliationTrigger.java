package app.sarafan.reconciliation;

/** What started a run: the nightly schedule, or an administrator through the jobs endpoint. */
public enum ReconciliationTrigger {
    SCHEDULE, ON_DEMAND
}
