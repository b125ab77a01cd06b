package app.sarafan.job;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import app.sarafan.common.time.AppClock;
import io.micrometer.core.instrument.MeterRegistry;
import app.sarafan.reconciliation.Reconciliations;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the scheduled jobs, on a schedule or when an administrator asks. Every instance of the service runs them:
 * each job takes its work in chunks under row locks ({@code FOR UPDATE SKIP LOCKED} on accounts) or claims it
 * through a unique key (birthday grants, expiry warnings), so two instances share the work and never do the same
 * thing twice, and a run that crashed is finished by the next one. The reconciliation only reads; its nightly run
 * is claimed once through a unique key in its reports. Each run is counted and timed
 * ({@code sarafan.jobs.processed}, {@code sarafan.jobs.written}, {@code sarafan.jobs.duration}) and logged.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final SettlementJobs settlement;
    private final ExpiryWarnings warnings;
    private final Birthdays birthdays;
    private final Reconciliations reconciliations;
    private final AppClock clock;
    private final MeterRegistry metrics;

    Jobs(SettlementJobs settlement, ExpiryWarnings warnings, Birthdays birthdays, Reconciliations reconciliations,
            AppClock clock, MeterRegistry metrics) {
        this.settlement = settlement;
        this.warnings = warnings;
        this.birthdays = birthdays;
        this.reconciliations = reconciliations;
        this.clock = clock;
        this.metrics = metrics;
    }

    public JobRun run(JobName job) {
        return run(job, null);
    }

    /** {@code slot}: the fire time of a scheduled reconciliation, which one instance claims (null on demand). */
    private JobRun run(JobName job, Instant slot) {
        Instant startedAt = clock.now();
        long started = System.nanoTime();
        Progress progress = switch (job) {
            case ACTIVATION -> settlement.activate(startedAt);
            case EXPIRY -> settlement.expire(startedAt);
            case EXPIRY_WARNINGS -> warnings.run(startedAt);
            case BIRTHDAYS -> birthdays.run(startedAt);
            case RECONCILIATION -> reconcile(startedAt, slot);
        };
        if (progress == null) {
            return null;
        }
        long nanos = System.nanoTime() - started;
        metrics.counter("sarafan.jobs.processed", "job", job.slug()).increment(progress.processed);
        metrics.counter("sarafan.jobs.written", "job", job.slug()).increment(progress.written);
        metrics.timer("sarafan.jobs.duration", "job", job.slug()).record(nanos, TimeUnit.NANOSECONDS);
        LOG.infof("Job %s at %s: processed %d, written %d, in %d chunks, %d ms", job.slug(), startedAt,
                progress.processed, progress.written, progress.chunks, TimeUnit.NANOSECONDS.toMillis(nanos));
        return new JobRun(job.slug(), startedAt, clock.now(), progress.processed, progress.written,
                progress.chunks);
    }

    /** Accounts checked and violations found; null when another instance claimed this scheduled run. */
    private Progress reconcile(Instant startedAt, Instant slot) {
        return reconciliations.run(startedAt, slot).map(outcome -> {
            Progress progress = new Progress();
            progress.processed = outcome.accountsChecked();
            progress.written = outcome.violations();
            progress.chunks = outcome.chunks();
            return progress;
        }).orElse(null);
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

    /**
     * Every instance fires at the same cron instant; the first to claim that instant in the reports runs the check
     * and the others skip it. A check only reads, so a run on demand at the same time does no harm either.
     */
    @Scheduled(identity = "reconciliation", cron = "${sarafan.jobs.reconcile-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile(ScheduledExecution execution) {
        run(JobName.RECONCILIATION, execution.getScheduledFireTime());
    }
}
