package app.sarafan.embeddedpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as the service starts it: as root, under an unprivileged uid that owns its data. */
class LocalPostgresTest {

    @TempDir
    Path temp;

    @Test
    void asRootTheServerRunsUnderAnUnprivilegedUidThatOwnsItsData() throws Exception {
        assumeTrue(PrivateDirectory.currentUid() == 0, "the privilege drop applies to root only");
        Path data = temp; // the data directory itself: as root it is handed to the server's account
        try (LocalPostgres postgres = LocalPostgres.start(data, 0, Map.of("fsync", "off"), Duration.ofSeconds(60))) {
            long pid = postgres.pid().orElseThrow();
            String uidLine = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            String[] uids = uidLine.split("\\s+"); // real, effective, saved, filesystem
            assertNotEquals("0", uids[1], uidLine);
            assertEquals(uids[1], uids[2], "no way back to root: " + uidLine);
            assertEquals(Long.parseLong(uids[1]), PrivateDirectory.uid(postgres.dataDir()));
            assertEquals(Long.parseLong(uids[1]), PrivateDirectory.uid(postgres.dataDir().resolve("PG_VERSION")));
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("NoNewPrivs:\t1"));
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                    ResultSet rs = c.createStatement().executeQuery("show unix_socket_directories")) {
                rs.next();
                assertEquals("", rs.getString(1), "no socket in the shared /tmp");
            }
        }
    }

    @Test
    void theServerStopsAndStartsAgainOnItsDataEvenWhenRootOwnsIt() throws Exception {
        Path data = temp; // the data directory itself: as root it is handed to the server's account
        try (LocalPostgres first = LocalPostgres.start(data, 0, Map.of("fsync", "off"), Duration.ofSeconds(60));
                Connection c = DriverManager.getConnection(first.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            c.createStatement().execute("create table kept (n int); insert into kept values (42)");
        }
        if (PrivateDirectory.currentUid() == 0) {
            // As an older Sarafan left it: its server ran root-mapped, so the data belongs to root. It is handed over.
            try (var files = Files.walk(data)) {
                for (Path path : files.toList()) {
                    Files.setAttribute(path, "unix:uid", 0, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", 0, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        try (LocalPostgres second = LocalPostgres.start(data, 0, Map.of(), Duration.ofSeconds(60));
                Connection c = DriverManager.getConnection(second.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                ResultSet rs = c.createStatement().executeQuery("select n from kept")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void afterAnImmediateStopTheServerStartsAgainOnTheSamePortWithItsCommittedRows() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(temp, 0, Map.of("fsync", "off"), Duration.ofSeconds(60))) {
            long firstPid = postgres.pid().orElseThrow();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER,
                    LocalPostgres.PASSWORD)) {
                c.createStatement().execute("create table kept (n int); insert into kept values (42)");
            }
            postgres.stopImmediately();
            assertTrue(postgres.pid().isEmpty(), "stopped: the postmaster removed its pid file as it exited");

            postgres.startAgain();
            assertNotEquals(firstPid, postgres.pid().orElseThrow());
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER,
                    LocalPostgres.PASSWORD);
                    ResultSet rs = c.createStatement().executeQuery("select n, current_setting('fsync') from kept")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
                assertEquals("off", rs.getString(2), "the configuration of the first start");
            }
        }
    }
}
