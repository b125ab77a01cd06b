package app.sarafan.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * A report as administrators read it. {@code violationCount} counts every violation found; {@code violations} are
 * the first of them (at most {@code sarafan.reconciliation.reported-violations}).
 */
public record ReconciliationView(String id, ReconciliationTrigger trigger, ReconciliationStatus status,
        Instant startedAt, Instant finishedAt, long accountsChecked, int chunks, long violationCount,
        List<ViolationView> violations, String failure) {

    /** A broken rule: of the account of member {@code externalId}, or of the whole program (null). */
    public record ViolationView(String rule, String externalId, String detail) {
    }
}
