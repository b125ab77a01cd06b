package app.sarafan.massop;

/** Where one member of an operation stands: not run yet, or its outcome. */
public enum ItemStatus {
    PENDING, DONE, FAILED, SKIPPED
}
