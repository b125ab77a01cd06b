package app.sarafan.common.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets one forced key-set fetch through per interval, however many tokens with an unknown {@code kid} arrive: the
 * first passes, the others are refused until the interval has elapsed since it. A pass counts whether or not the
 * fetch then succeeds, so an identity provider that is down is not asked more often either.
 */
final class RefreshGate {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean passed;
    private long lastPass;

    RefreshGate(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    static RefreshGate every(Duration interval) {
        return new RefreshGate(interval, System::nanoTime);
    }

    synchronized boolean tryPass() {
        long now = nanoTime.getAsLong();
        if (passed && now - lastPass < intervalNanos) {
            return false;
        }
        passed = true;
        lastPass = now;
        return true;
    }
}
