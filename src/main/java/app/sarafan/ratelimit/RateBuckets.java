package app.sarafan.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Every caller's bucket, kept as one number: its theoretical arrival time (GCRA) in {@link System#nanoTime()}
 * terms. Taking a request is a compare-and-set on that number, without a lock. A bucket whose theoretical arrival
 * time has passed is full, exactly as if it did not exist, so dropping it loses nothing: {@link #sweep()} drops
 * them (at most once a second, from the request path), and memory holds only the callers of the last few seconds.
 * A request that raced a sweep for a full bucket may go uncounted; it would have been allowed anyway.
 */
final class RateBuckets {

    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, AtomicLong> arrivals = new ConcurrentHashMap<>();
    private final LongSupplier ticker;
    private final AtomicLong lastSweep;

    RateBuckets(LongSupplier ticker) {
        this.ticker = ticker;
        this.lastSweep = new AtomicLong(ticker.getAsLong());
    }

    RateDecision take(String caller, RatePolicy policy) {
        long now = ticker.getAsLong();
        sweepNowAndThen(now);
        long interval = policy.intervalNanos();
        long tolerance = policy.toleranceNanos();
        AtomicLong arrival = arrivals.computeIfAbsent(caller, k -> new AtomicLong(now));
        while (true) {
            long theoretical = arrival.get();
            // Differences only: nanoTime may be negative or wrap.
            long base = theoretical - now > 0 ? theoretical : now;
            long ahead = base + interval - now;
            if (ahead > tolerance) {
                return new RateDecision(policy, false, 0, RatePolicy.ceilSeconds(theoretical - now),
                        Math.max(1, RatePolicy.ceilSeconds(ahead - tolerance)));
            }
            if (arrival.compareAndSet(theoretical, base + interval)) {
                return new RateDecision(policy, true, (tolerance - ahead) / interval, RatePolicy.ceilSeconds(ahead),
                        0);
            }
        }
    }

    /** Callers tracked now (full buckets not yet swept included). */
    int size() {
        return arrivals.size();
    }

    /** Drops every full bucket. */
    void sweep() {
        long now = ticker.getAsLong();
        arrivals.values().removeIf(arrival -> arrival.get() - now <= 0);
    }

    private void sweepNowAndThen(long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            sweep();
        }
    }
}
