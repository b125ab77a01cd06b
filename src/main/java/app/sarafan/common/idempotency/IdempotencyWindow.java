package app.sarafan.common.idempotency;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * How long an {@code Idempotency-Key} is kept, checked once at start: a service configured to forget keys before
 * the promised 24 hours refuses to start rather than let a late retry run twice.
 */
@ApplicationScoped
public class IdempotencyWindow {

    private final Duration retention;
    private final Duration inFlightWait;

    @Inject
    IdempotencyWindow(IdempotencyConfig config) {
        this(config.retention(), config.inFlightWait());
    }

    IdempotencyWindow(Duration retention, Duration inFlightWait) {
        if (retention.compareTo(IdempotencyConfig.MINIMUM_RETENTION) < 0) {
            throw new IllegalStateException("sarafan.idempotency.retention must be at least "
                    + IdempotencyConfig.MINIMUM_RETENTION + " (keys are promised for 24 hours), not " + retention);
        }
        if (inFlightWait.isNegative() || inFlightWait.isZero() || inFlightWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalStateException(
                    "sarafan.idempotency.in-flight-wait must be more than 0 and at most PT1M, not " + inFlightWait);
        }
        this.retention = retention;
        this.inFlightWait = inFlightWait;
    }

    /** Creates the window at start, so that a bad configuration fails the start and not the first request. */
    void checkAtStart(@Observes StartupEvent start) {
        retention();
    }

    public Duration retention() {
        return retention;
    }

    /** Keys created before this instant are forgotten. */
    public Instant forgetBefore(Instant now) {
        return now.minus(retention);
    }

    Duration inFlightWait() {
        return inFlightWait;
    }
}
