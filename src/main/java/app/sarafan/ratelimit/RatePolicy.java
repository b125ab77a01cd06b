package app.sarafan.ratelimit;

/**
 * One rate limit as a generic cell rate algorithm (GCRA, equivalent to a token bucket): a request is allowed when,
 * after it, the caller's theoretical arrival time is at most {@code burst} emission intervals ahead of now.
 *
 * @param name the policy's name in the {@code RateLimit-Policy} and {@code RateLimit} fields
 * @param perSecond the sustained rate
 * @param burst the bucket's size
 */
public record RatePolicy(String name, double perSecond, int burst) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final double MIN_PER_SECOND = 0.001;

    public RatePolicy {
        if (!(perSecond >= MIN_PER_SECOND) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("sarafan.rate-limits." + name + ".per-second must be a number of at "
                    + "least " + MIN_PER_SECOND + " (one request in 1000 seconds), not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("sarafan.rate-limits." + name + ".burst must be at least 1, not "
                    + burst);
        }
    }

    static RatePolicy of(String name, RateLimitConfig.Limit limit) {
        return new RatePolicy(name, limit.perSecond(), limit.burst());
    }

    /** Nanoseconds between two requests at the sustained rate. */
    long intervalNanos() {
        return Math.max(1, Math.round(NANOS_PER_SECOND / perSecond));
    }

    /** How far ahead of now the theoretical arrival time may run: a full bucket's worth of intervals. */
    long toleranceNanos() {
        try {
            return Math.multiplyExact(intervalNanos(), burst);
        } catch (ArithmeticException centuries) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** Seconds in which an empty bucket fills again: the policy's window ({@code w}), at least 1. */
    long windowSeconds() {
        return Math.max(1, ceilSeconds(toleranceNanos()));
    }

    /**
     * The {@code RateLimit-Policy} item (draft-ietf-httpapi-ratelimit-headers-11, section 3): the quota is the
     * bucket, the window the time it takes to refill, e.g. {@code "shop";q=5000;w=2}.
     */
    String policyField() {
        return "\"" + name + "\";q=" + burst + ";w=" + windowSeconds();
    }

    static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos - 1) / NANOS_PER_SECOND + 1;
    }
}
