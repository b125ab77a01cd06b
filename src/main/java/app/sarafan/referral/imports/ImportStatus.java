package app.sarafan.referral.imports;

/** Where an import is: waiting for a worker, being run, done (whatever was rejected), or stopped by a failure. */
public enum ImportStatus {
    QUEUED, RUNNING, COMPLETED, FAILED
}
