package app.sarafan.common.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the pool from asking PostgreSQL for connections it has no slot for. Every few seconds it reads how many more
 * the server would accept — {@code max_connections} less the reserved slots and every backend open (other replicas,
 * other clients), and the role's and the database's own limits — and sets the pool's ceiling to the connections
 * this instance holds plus those, never above {@code quarkus.datasource.jdbc.max-size}. A request that finds the
 * pool at its ceiling waits for a connection to come back (up to the acquisition timeout, then 503 with
 * Retry-After) instead of failing at once on "too many clients" and making the server refuse yet another attempt.
 */
@ApplicationScoped
public class ConnectionCeiling {

    private static final Logger LOG = Logger.getLogger(ConnectionCeiling.class);

    /** Slots left to others on purpose: an operator's psql, a migration, a monitoring probe. */
    static final int SPARE = 1;

    private static final String HEADROOM = """
            SELECT least(
                current_setting('max_connections')::int
                    - current_setting('superuser_reserved_connections')::int
                    - coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0)
                    - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                (SELECT CASE WHEN r.rolconnlimit < 0 THEN 2147483647 ELSE r.rolconnlimit
                            - (SELECT count(*) FROM pg_stat_activity a WHERE a.usename = current_user) END
                 FROM pg_roles r WHERE r.rolname = current_user),
                (SELECT CASE WHEN d.datconnlimit < 0 THEN 2147483647 ELSE d.datconnlimit
                            - (SELECT count(*) FROM pg_stat_activity a WHERE a.datname = current_database()) END
                 FROM pg_database d WHERE d.datname = current_database()))""";

    private final AgroalDataSource db;
    private final int configuredMax;

    ConnectionCeiling(AgroalDataSource db, @ConfigProperty(name = "quarkus.datasource.jdbc.max-size") int configuredMax) {
        this.db = db;
        this.configuredMax = configuredMax;
    }

    @Scheduled(identity = "connection-ceiling", every = "${sarafan.datasource.ceiling-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void adjust() {
        int headroom;
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(HEADROOM);
                ResultSet row = query.executeQuery()) {
            row.next();
            headroom = row.getInt(1);
        } catch (SQLException e) {
            // The database is away or full: requests already answer 503; the next round tries again.
            LOG.debugf("Cannot read the server's free connections: %s", e.getMessage());
            return;
        }
        AgroalConnectionPoolConfiguration pool = db.getConfiguration().connectionPoolConfiguration();
        long held = db.getMetrics().activeCount() + db.getMetrics().availableCount();
        int ceiling = ceiling(configuredMax, held, headroom);
        int before = pool.maxSize();
        if (ceiling != before) {
            pool.setMaxSize(ceiling);
            if (ceiling < before) {
                LOG.warnf("PostgreSQL accepts only %d more connections: this instance's pool is held at %d"
                        + " (configured %d); requests wait for a free connection", Math.max(headroom, 0), ceiling,
                        configuredMax);
            } else if (ceiling == configuredMax) {
                LOG.infof("The pool may grow to its configured %d connections again", configuredMax);
            }
        }
    }

    /** The connections this instance holds plus what the server has room for, between 1 and the configured size. */
    static int ceiling(int configuredMax, long held, int headroom) {
        long room = held + Math.max(headroom - SPARE, 0);
        return (int) Math.max(1, Math.min(configuredMax, room));
    }

    /** The pool's current ceiling. */
    public int current() {
        return db.getConfiguration().connectionPoolConfiguration().maxSize();
    }
}
