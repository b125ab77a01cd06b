package app.sarafan.reconciliation;

/** A run is RUNNING until it FINISHED (whatever it found) or FAILED (it could not check everything). */
public enum ReconciliationStatus {
    RUNNING, FINISHED, FAILED
}
