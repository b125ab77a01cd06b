package app.sarafan.referral.imports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.sarafan.common.lease.LeaseLost;
import app.sarafan.common.lease.LeaseOwner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs imports in the background, on every instance: it claims one import at a time (see {@link ImportRuns}) and
 * runs its rows in processing order, a batch of rows per transaction. A rejected row is recorded and the import
 * goes on; an unexpected failure stops the import as FAILED (posting the same file again continues it, since
 * imported rows are then skipped). When the instance stops, it hands its import back for another instance to
 * continue.
 */
@ApplicationScoped
class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    /**
     * Rows per transaction. A batch holds the lock that serializes bindings until it commits (some ten
     * milliseconds a row), so registrations with a referrer wait at most that long for an import.
     */
    private static final int BATCH = 20;

    private final ImportRuns runs;
    private final RowImporter rows;
    private final MeterRegistry metrics;
    private final String owner = LeaseOwner.next();
    private volatile boolean stopping;

    ImportWorker(ImportRuns runs, RowImporter rows, MeterRegistry metrics) {
        this.runs = runs;
        this.rows = rows;
        this.metrics = metrics;
    }

    @Scheduled(identity = "imports", every = "${sarafan.imports.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Optional<ImportRuns.Claim> claim;
        while (!stopping && (claim = runs.claim(owner)).isPresent()) {
            run(claim.get());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void run(ImportRuns.Claim claim) {
        long id = claim.importId();
        LOG.infof("Import %d: running", id);
        try {
            List<ImportRuns.PendingRow> pending;
            while (!(pending = runs.pending(id, 10 * BATCH)).isEmpty()) {
                for (int from = 0; from < pending.size(); from += BATCH) {
                    if (stopping) {
                        runs.release(id, owner);
                        LOG.infof("Import %d: handed back, the instance is stopping", id);
                        return;
                    }
                    runBatch(claim, pending.subList(from, Math.min(from + BATCH, pending.size())));
                }
            }
            if (runs.complete(id, owner)) {
                LOG.infof("Import %d: completed", id);
            }
        } catch (LeaseLost e) {
            LOG.warnf("Import %d: taken over by another instance, leaving it", id);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Import %d failed, error id %s", id, errorId);
            runs.fail(id, owner, "Unexpected failure; quote error id " + errorId + " to support. Post the same "
                    + "file again to continue: the rows already imported are skipped.");
        }
    }

    /**
     * Rows commit together, a batch at a time; a batch in which a row is rejected is rolled back whole and run
     * again one row per transaction, so that the rejected row keeps nothing and the others are imported.
     */
    private void runBatch(ImportRuns.Claim claim, List<ImportRuns.PendingRow> batch) {
        try {
            rows.runAll(claim, owner, batch).forEach(this::count);
        } catch (RowRejected rejected) {
            for (ImportRuns.PendingRow row : batch) {
                count(runOne(claim, row));
            }
        }
    }

    private RowStatus runOne(ImportRuns.Claim claim, ImportRuns.PendingRow row) {
        try {
            return rows.run(claim, owner, row);
        } catch (RowRejected rejected) {
            runs.reject(claim.importId(), owner, row, rejected.errors());
            return RowStatus.REJECTED;
        }
    }

    private void count(RowStatus status) {
        metrics.counter("sarafan.imports.rows", "outcome", status.name()).increment();
    }
}
