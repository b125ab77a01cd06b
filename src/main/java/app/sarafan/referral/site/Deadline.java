package app.sarafan.referral.site;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** An instant on the monotonic clock by which a request or a whole check must be done. */
record Deadline(long nanoTime) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    Deadline atMost(Deadline other) {
        return nanoTime - other.nanoTime <= 0 ? this : other;
    }

    /** What is left, at least 1 ms (0 means "no timeout" to sockets); a timeout when nothing is left. */
    int remainingMillis() throws SocketTimeoutException {
        long left = (nanoTime - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
