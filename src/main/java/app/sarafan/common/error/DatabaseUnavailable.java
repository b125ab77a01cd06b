package app.sarafan.common.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import app.sarafan.common.tx.BrokenConnection;
import org.jboss.logging.Logger;

/**
 * Failures that mean the database cannot be reached right now — a refused or broken connection, a server shutting
 * down or refusing new connections, a pool that found no connection in time — rather than a bug: the caller gets a
 * 503 with {@code Retry-After} and should retry with the same {@code Idempotency-Key}; the log gets one line per
 * outage (then at most one per {@link #LOG_EVERY}, with how many requests were refused meanwhile), never a stack
 * trace per request.
 */
public final class DatabaseUnavailable {

    /** What the client is told to wait before retrying. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * Besides a lost connection: 57P03 the server cannot take connections now (starting, shutting down), 53300 too
     * many connections, and 57014, 55P03, 25P03 a statement, lock or idle-transaction timeout (docs/operations.md,
     * "Timeouts"), the database too busy to answer in time.
     */
    private static final Set<String> BUSY_OR_REFUSING = Set.of("57P03", "53300", "57014", "55P03", "25P03");

    /** How Agroal says no pooled connection came free within the acquisition timeout (a stateless SQLException). */
    private static final String POOL_TIMEOUT = "Sorry, acquisition timeout";

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);
    private static final AtomicReference<Instant> LOGGED = new AtomicReference<>(Instant.EPOCH);
    private static final AtomicLong REFUSED = new AtomicLong();

    private DatabaseUnavailable() {
    }

    /** Whether {@code e} (or a cause) says the database is unreachable or saturated. */
    public static boolean isCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (BrokenConnection.lost(cause) || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && BUSY_OR_REFUSING.contains(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().startsWith(POOL_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /** Notes one refused request; logs the outage when it starts and then now and then. */
    static void refused(Throwable e, String path) {
        long refused = REFUSED.incrementAndGet();
        Instant now = Instant.now();
        Instant last = LOGGED.get();
        if (now.isAfter(last.plus(LOG_EVERY)) && LOGGED.compareAndSet(last, now)) {
            REFUSED.set(0);
            LOG.warnf("The database is unavailable (%s); answering 503 with Retry-After (%d requests refused so"
                    + " far, the latest on %s)", rootMessage(e), refused, path);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
