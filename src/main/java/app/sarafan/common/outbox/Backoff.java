package app.sarafan.common.outbox;

import java.time.Duration;

/** Exponential backoff: base, 2 base, 4 base, ... capped at max; shared by mail and webhooks. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after the {@code failures}-th consecutive failure (1 or more). */
    public static Duration after(int failures, Duration base, Duration max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
