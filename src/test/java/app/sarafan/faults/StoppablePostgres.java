package app.sarafan.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import app.sarafan.embeddedpg.LocalPostgres;

/**
 * A PostgreSQL that a test can hurt: stop it hard and start it again on the same port and data, freeze and resume
 * it, limit the connections of the service's role. It is the service's own embedded server ({@link LocalPostgres}):
 * the same verified binaries and, as root, the same unprivileged account, so the faults hit the server as it runs.
 * <p>
 * Commits are synchronous (PostgreSQL's default: {@code synchronous_commit=off} would lose the last acknowledged
 * commits at an immediate stop, something no production database does); {@code fsync} is off, which is safe
 * because the faults kill processes, never the machine.
 */
final class StoppablePostgres implements AutoCloseable {

    static final String ROLE = "sarafan";
    static final String PASSWORD = "sarafan-fault-password";
    static final String DATABASE = "sarafan";

    private final LocalPostgres postgres;
    private final Path signalLog;

    StoppablePostgres(Path data) throws Exception {
        if (Files.exists(data)) {
            try (Stream<Path> old = Files.walk(data)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data.getParent());
        signalLog = data.toAbsolutePath().resolveSibling("postgres-signals.log");
        postgres = LocalPostgres.start(data, 0, Map.of("max_connections", "200", "fsync", "off"),
                Duration.ofSeconds(60));
        try (Connection db = superuser("postgres"); Statement sql = db.createStatement()) {
            sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
    }

    int port() {
        return postgres.port();
    }

    /** Where the service connects: its own database and an ordinary role, which connection limits apply to. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The test's own connections (the oracle's queries) use the superuser, which connection limits spare. */
    Connection superuser() throws SQLException {
        return superuser(DATABASE);
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database,
                LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** An immediate shutdown: every backend is killed, nothing is flushed or answered, as in a crash. */
    void stopImmediately() throws IOException {
        postgres.stopImmediately();
    }

    /** Starts the server again on the same port and data, with the options of its first start. */
    void start() throws IOException {
        postgres.startAgain();
    }

    /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
    void freeze() throws Exception {
        signalAll("STOP");
    }

    void resume() throws Exception {
        signalAll("CONT");
    }

    /** New connections of the service's role beyond {@code limit} are refused; -1 lifts the limit. */
    void limitConnections(int limit) throws SQLException {
        try (Connection db = superuser(); Statement sql = db.createStatement()) {
            sql.execute("ALTER ROLE " + ROLE + " CONNECTION LIMIT " + limit);
        }
    }

    /** Closes every connection of the service's role, so that the pools must connect anew. */
    int dropServiceConnections() throws SQLException {
        try (Connection db = superuser(); Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE usename = '" + ROLE + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The postmaster first, so that it forks no backend the signal would miss; then each of its children. */
    private void signalAll(String signal) throws Exception {
        long postmaster = postgres.pid().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        run(List.of("kill", "-" + signal, Long.toString(postmaster)), true);
        List<String> children = new ArrayList<>(List.of("kill", "-" + signal));
        ProcessHandle.of(postmaster).orElseThrow().children()
                .forEach(child -> children.add(Long.toString(child.pid())));
        run(children, false); // a backend that ended meanwhile is "no such process", which is fine
    }

    private void run(List<String> command, boolean mustSucceed) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(signalLog.toFile())).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || (mustSucceed && process.exitValue() != 0)) {
            throw new IllegalStateException(command + " failed; see " + signalLog);
        }
    }

    @Override
    public void close() {
        postgres.close();
    }
}
