package app.sarafan.reconciliation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the reconciliation job goes through the ledger (its schedule is {@code sarafan.jobs.reconcile-cron}). */
@ConfigMapping(prefix = "sarafan.reconciliation")
public interface ReconciliationConfig {

    /** Accounts per chunk; each chunk is one short read-only transaction. */
    @WithDefault("5000")
    int chunkSize();

    /** How many violations a report keeps (and the log lists); the count covers all of them. */
    @WithDefault("100")
    int reportedViolations();
}
