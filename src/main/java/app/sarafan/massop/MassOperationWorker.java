package app.sarafan.massop;

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
 * Runs mass operations in the background, on every instance: it claims one operation at a time (see
 * {@link MassOperationRuns}) and runs its members in chunks, one database transaction each ({@link MemberChunks}).
 * A chunk that fails unexpectedly is rolled back whole and run again one member per transaction, so that only
 * the member at fault is FAILED. Between chunks it looks for a cancel; when the instance stops, it hands its
 * operation back for another instance to continue.
 */
@ApplicationScoped
class MassOperationWorker {

    private static final Logger LOG = Logger.getLogger(MassOperationWorker.class);

    private final MassOperationRuns runs;
    private final MemberChunks chunks;
    private final MassOperationConfig config;
    private final MeterRegistry metrics;
    private final String owner = LeaseOwner.next();
    private volatile boolean stopping;

    MassOperationWorker(MassOperationRuns runs, MemberChunks chunks, MassOperationConfig config,
            MeterRegistry metrics) {
        this.runs = runs;
        this.chunks = chunks;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(identity = "mass-operations", every = "${sarafan.mass-operations.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Optional<MassOperationRuns.Claim> claim;
        while (!stopping && (claim = runs.claim(owner)).isPresent()) {
            run(claim.get());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void run(MassOperationRuns.Claim claim) {
        long id = claim.operationId();
        LOG.infof("Mass operation %d: running", id);
        try {
            List<MassOperationRuns.PendingItem> chunk;
            while (!(chunk = runs.pending(id, config.chunkSize())).isEmpty()) {
                if (stopping) {
                    runs.release(id, owner);
                    LOG.infof("Mass operation %d: handed back, the instance is stopping", id);
                    return;
                }
                if (runChunk(claim, chunk) == MemberChunks.Result.CANCEL_REQUESTED) {
                    break;
                }
            }
            if (runs.cancelled(id, owner)) {
                LOG.infof("Mass operation %d: cancelled", id);
            } else if (runs.complete(id, owner)) {
                LOG.infof("Mass operation %d: completed", id);
            }
        } catch (LeaseLost e) {
            LOG.warnf("Mass operation %d: taken over by another instance, leaving it", id);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Mass operation %d failed, error id %s", id, errorId);
            runs.fail(id, owner, "Unexpected failure; quote error id " + errorId + " to support. The members done "
                    + "so far are in the report; submit the remaining ones as a new operation.");
        }
    }

    private MemberChunks.Result runChunk(MassOperationRuns.Claim claim,
            List<MassOperationRuns.PendingItem> chunk) {
        try {
            MemberChunks.Result result = chunks.run(claim, owner, chunk);
            count(result == MemberChunks.Result.RAN ? chunk.size() : 0);
            return result;
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Mass operation %d: a chunk failed, running its members one by one",
                    claim.operationId());
            for (MassOperationRuns.PendingItem item : chunk) {
                if (runOne(claim, item) == MemberChunks.Result.CANCEL_REQUESTED) {
                    return MemberChunks.Result.CANCEL_REQUESTED;
                }
            }
            return MemberChunks.Result.RAN;
        }
    }

    private MemberChunks.Result runOne(MassOperationRuns.Claim claim, MassOperationRuns.PendingItem item) {
        try {
            MemberChunks.Result result = chunks.run(claim, owner, List.of(item));
            count(1);
            return result;
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Mass operation %d, member %d failed, error id %s", claim.operationId(), item.memberId(),
                    errorId);
            runs.failOne(claim.operationId(), owner, item.seq(), "Unexpected failure; error id " + errorId);
            return MemberChunks.Result.RAN;
        }
    }

    private void count(int members) {
        metrics.counter("sarafan.mass-operations.members").increment(members);
    }
}
