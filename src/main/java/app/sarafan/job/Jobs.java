package app.sarafan.job;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import app.sarafan.common.time.AppClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the scheduled jobs, on a schedule or when an administrator asks. Every instance of the service runs them:
 * each job takes its work in chunks under row locks ({@code FOR UPDATE SKIP LOCKED} on accounts) or claims it
 * through a unique key (birthday grants, expiry warnings), so two instances share the work and never do the same
 * thing twice, and a run that crashed is finished by the next one. Each run is counted and timed
 * ({@code sarafan.jobs.processed}, {@code sarafan.jobs.written}, {@code sarafan.jobs.duration}) and logged.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final SettlementJobs settlement;
    private final ExpiryWarnings warnings;
    private final Birthdays birthdays;
    private final AppClock clock;
    private final MeterRegistry metrics;

    Jobs(SettlementJobs settlement, ExpiryWarnings warnings, Birthdays birthdays, AppClock clock,
            MeterRegistry metrics) {
        this.settlement = settlement;
        this.warnings = warnings;
        this.birthdays = birthdays;
        this.clock = clock;
        this.metrics = metrics;
    }

    public JobRun run(JobName job) {
        Instant startedAt = clock.now();
        long started = System.nanoTime();
        Progress progress = switch (job) {
            case ACTIVATION -> settlement.activate(startedAt);
            case EXPIRY -> settlement.expire(startedAt);
            case EXPIRY_WARNINGS -> warnings.run(startedAt);
            case BIRTHDAYS -> birthdays.run(startedAt);
        };
        long nanos = System.nanoTime() - started;
        metrics.counter("sarafan.jobs.processed", "job", job.slug()).increment(progress.processed);
        metrics.counter("sarafan.jobs.written", "job", job.slug()).increment(progress.written);
        metrics.timer("sarafan.jobs.duration", "job", job.slug()).record(nanos, TimeUnit.NANOSECONDS);
        LOG.infof("Job %s at %s: processed %d, written %d, in %d chunks, %d ms", job.slug(), startedAt,
                progress.processed, progress.written, progress.chunks, TimeUnit.NANOSECONDS.toMillis(nanos));
        return new JobRun(job.slug(), startedAt, clock.now(), progress.processed, progress.written,
                progress.chunks);
    }

    @Scheduled(identity = "settlement", every = "${sarafan.jobs.settle-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settle() {
        run(JobName.ACTIVATION);
        run(JobName.EXPIRY);
    }

    @Scheduled(identity = "expiry-warnings", every = "${sarafan.jobs.expiry-warnings-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void warn() {
        run(JobName.EXPIRY_WARNINGS);
    }

    @Scheduled(identity = "birthdays", every = "${sarafan.jobs.birthdays-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void birthdays() {
        run(JobName.BIRTHDAYS);
    }
}
