package app.sarafan.common.tx;

import java.sql.SQLException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Whether a failed transaction lost its connection before it asked PostgreSQL to commit: then nothing of it was
 * kept and running it again on another connection is safe. A failure while committing is never one of these — the
 * commit may have reached the server — and neither is a server that refuses new connections (a retry would only
 * add to its load).
 */
public final class BrokenConnection {

    private BrokenConnection() {
    }

    static boolean beforeCommit(Throwable failure) {
        boolean broken = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isCommitFailure(cause)) {
                return false;
            }
            broken |= lost(cause);
        }
        return broken;
    }

    /**
     * Whether {@code cause} itself (not its causes) says the connection was lost: refused, reset, or ended by the
     * server. Also one of the ways the database is unavailable (common/error/DatabaseUnavailable).
     */
    public static boolean lost(Throwable cause) {
        if (cause instanceof JDBCConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exception (refused, reset, I/O error); 57P01/57P02: the server ended the session
            // (shutdown, crash of another backend) — what a switchover or a restart does to pooled connections.
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02");
        }
        return false;
    }

    /** The transaction manager's commit failures (the commit itself, or the flush it runs first). */
    private static boolean isCommitFailure(Throwable cause) {
        return cause instanceof jakarta.transaction.RollbackException
                || cause instanceof jakarta.transaction.HeuristicMixedException
                || cause instanceof jakarta.transaction.HeuristicRollbackException
                || cause instanceof jakarta.transaction.SystemException;
    }
}
