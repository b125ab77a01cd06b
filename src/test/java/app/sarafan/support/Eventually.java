package app.sarafan.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a background worker makes true, checking every 100 ms; fails when it is not true in time. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
