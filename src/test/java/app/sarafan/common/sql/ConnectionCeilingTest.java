package app.sarafan.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import app.sarafan.support.Race;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * When other clients leave PostgreSQL only a few free connections, the pool is held to what it has plus those:
 * requests beyond that wait for a connection to come back and are all answered, instead of failing on "too many
 * clients".
 */
@QuarkusTest
class ConnectionCeilingTest extends ApiTest {

    @Inject
    ConnectionCeiling ceiling;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theCeilingIsWhatThePoolHoldsPlusTheServersRoomLessASpareSlot() {
        assertEquals(12, ConnectionCeiling.ceiling(40, 10, 3));
        assertEquals(10, ConnectionCeiling.ceiling(40, 10, 0));
        assertEquals(10, ConnectionCeiling.ceiling(40, 10, -5));
        assertEquals(40, ConnectionCeiling.ceiling(40, 10, 150));
        assertEquals(1, ConnectionCeiling.ceiling(40, 0, 0));
    }

    @Test
    void aServerWithTwoFreeSlotsServesThirtyConcurrentRequestsThroughTheHeldPool() throws Exception {
        String lena = newMember();
        credit(lena, "10.00");
        dataSource.flush(AgroalDataSource.FlushMode.IDLE);
        List<Connection> others = new ArrayList<>();
        try {
            fillServerLeaving(2 + ConnectionCeiling.SPARE, others);
            ceiling.adjust();
            long held = dataSource.getMetrics().activeCount() + dataSource.getMetrics().availableCount();
            assertTrue(ceiling.current() <= held + 2, "ceiling " + ceiling.current() + " for " + held + " held");

            Map<Integer, Integer> statuses = Race.answers(30,
                    () -> shop().get("/v1/members/{id}/balance", lena).statusCode());

            assertEquals(Map.of(200, 30), statuses);
        } finally {
            for (Connection other : others) {
                other.close();
            }
        }
        // The closed backends leave the server's list a moment later; the ceiling climbs back as they do.
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            ceiling.adjust();
        } while (ceiling.current() < 40 && System.nanoTime() < deadline);
        assertEquals(40, ceiling.current());
    }

    /** Opens connections the way another client would, until the server has only {@code free} slots left. */
    private static void fillServerLeaving(int free, List<Connection> opened) throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        while (true) {
            Connection other = DriverManager.getConnection(url, user, password);
            opened.add(other);
            if (freeSlots(other) <= free) {
                return;
            }
        }
    }

    private static int freeSlots(Connection connection) throws SQLException {
        try (var query = connection.prepareStatement("""
                SELECT current_setting('max_connections')::int
                    - current_setting('superuser_reserved_connections')::int
                    - coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0)
                    - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')""");
                var row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
