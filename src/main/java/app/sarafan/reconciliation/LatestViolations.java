package app.sarafan.reconciliation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gauge {@code sarafan.ledger.invariant.violations}: how many violations the latest finished reconciliation
 * found, whichever instance ran it (NaN before the first run). An instance knows its own runs at once and reads the
 * others' from their reports every few minutes, so every instance exports the same figure.
 */
@ApplicationScoped
class LatestViolations {

    static final String GAUGE = "sarafan.ledger.invariant.violations";

    private volatile double value = Double.NaN;

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        Gauge.builder(GAUGE, this, LatestViolations::value)
                .description("Violations of the ledger invariant found by the latest reconciliation")
                .register(registry);
        refresh();
    }

    double value() {
        return value;
    }

    void found(long violations) {
        value = violations;
    }

    @Scheduled(identity = "reconciliation-gauge", every = "5m", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().call(() -> Reconciliation.<Reconciliation>find("status = ?1 order by id desc",
                ReconciliationStatus.FINISHED).firstResultOptional()).ifPresent(run -> value = run.violationCount);
    }
}
