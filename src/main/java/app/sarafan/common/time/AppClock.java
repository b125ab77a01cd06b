package app.sarafan.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one source of "now" for business logic: the ledger, expiry, jobs. Tests (and, behind a switch, staging)
 * move it forward instead of waiting; production never moves it.
 */
@ApplicationScoped
public class AppClock {

    private final Clock system = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public Instant now() {
        // PostgreSQL keeps microseconds: an instant we answer with must be the one we store.
        return system.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves business time forward (or back to real time with {@link #reset()}); used by tests and staging. */
    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }
}
