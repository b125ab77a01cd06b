package app.sarafan.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * A member's account row locked by the test in its own transaction, so that a request changing that balance waits
 * inside its transaction — long enough to do something to it (end its connection, retry it) while it runs.
 */
public final class HeldAccount implements AutoCloseable {

    private final Connection holder;
    private final DataSource dataSource;
    private int terminated;

    public HeldAccount(DataSource dataSource, String externalId) throws SQLException {
        this.dataSource = dataSource;
        holder = dataSource.getConnection();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("""
                SELECT a.member_id FROM account a JOIN member m ON m.id = a.member_id
                WHERE m.external_id = ? FOR UPDATE OF a""")) {
            lock.setString(1, externalId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException(externalId + " has no account");
                }
            }
        }
    }

    /** The backend of the one request waiting for this lock (not one ended before), once it waits (at most 10 s). */
    public int waiter() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        try (Connection probe = dataSource.getConnection(); PreparedStatement find = probe.prepareStatement("""
                SELECT pid FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND ? = ANY (pg_blocking_pids(pid)) AND pid <> ?""")) {
            find.setInt(1, backend(holder));
            find.setInt(2, terminated);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet row = find.executeQuery()) {
                    if (row.next()) {
                        return row.getInt(1);
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("No request came to wait for the account lock within 10 s");
    }

    /** Ends that backend's session, as a database restart or a switchover does to a pooled connection. */
    public void terminate(int pid) throws SQLException {
        try (Connection admin = dataSource.getConnection();
                PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            kill.setInt(1, pid);
            kill.executeQuery().close();
            terminated = pid;
        }
    }

    private static int backend(Connection connection) throws SQLException {
        try (PreparedStatement pid = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet row = pid.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            holder.rollback();
        } finally {
            holder.close();
        }
    }
}
