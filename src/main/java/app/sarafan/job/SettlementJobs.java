package app.sarafan.job;

import java.time.Instant;
import java.util.function.IntSupplier;

import app.sarafan.ledger.BulkSettlement;
import jakarta.enterprise.context.ApplicationScoped;

/** Activation and expiry of accounts nobody touches, chunk after chunk until no account is due. */
@ApplicationScoped
class SettlementJobs {

    private final BulkSettlement bulk;
    private final JobsConfig config;

    SettlementJobs(BulkSettlement bulk, JobsConfig config) {
        this.bulk = bulk;
        this.config = config;
    }

    Progress activate(Instant now) {
        return untilNothingIsDue(() -> bulk.activateChunk(now, config.chunkSize()));
    }

    Progress expire(Instant now) {
        return untilNothingIsDue(() -> bulk.expireChunk(now, config.chunkSize()));
    }

    private static Progress untilNothingIsDue(IntSupplier chunk) {
        Progress progress = new Progress();
        for (int lots = chunk.getAsInt(); lots > 0; lots = chunk.getAsInt()) {
            progress.chunk(lots, lots);
        }
        return progress;
    }
}
