package app.sarafan.massop;

/**
 * QUEUED → RUNNING → COMPLETED; a cancel turns QUEUED into CANCELLED at once and RUNNING into CANCELLING, which
 * becomes CANCELLED when the chunk in flight has committed. FAILED: an unexpected failure stopped it.
 */
public enum MassOperationStatus {
    QUEUED, RUNNING, CANCELLING, COMPLETED, CANCELLED, FAILED
}
