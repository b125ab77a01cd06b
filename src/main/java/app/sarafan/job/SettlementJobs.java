package app.sarafan.job;

import java.time.Instant;

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
        Progress progress = new Progress();
        for (int lots = bulk.activateChunk(now, config.chunkSize()); lots > 0;
                lots = bulk.activateChunk(now, config.chunkSize())) {
            progress.chunk(lots, lots);
        }
        return progress;
    }

    Progress expire(Instant now) {
        Progress progress = new Progress();
        for (int lots = bulk.expireChunk(now, config.chunkSize()); lots > 0;
                lots = bulk.expireChunk(now, config.chunkSize())) {
            progress.chunk(lots, lots);
        }
        return progress;
    }
}
