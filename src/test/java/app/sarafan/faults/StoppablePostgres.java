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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL from the embedded binaries that a test can hurt: stop it hard and start it again on the same port
 * and data, freeze and resume it, limit the connections of the service's role. Zonky prepares the binaries, runs
 * initdb and the first start; afterwards the server is driven with {@code pg_ctl} (under {@code unshare -U} as
 * root, as zonky does) with the very options zonky started it with, read back from the postmaster's command line.
 * <p>
 * Commits are synchronous here (zonky's default is {@code synchronous_commit=off}, which after an immediate stop
 * loses the last acknowledged commits, something no production database does); {@code fsync} stays off, which is
 * safe because the faults kill processes, never the machine.
 */
final class StoppablePostgres implements AutoCloseable {

    static final String ROLE = "sarafan";
    static final String PASSWORD = "sarafan-fault-password";
    static final String DATABASE = "sarafan";

    private final EmbeddedPostgres postgres;
    private final Path data;
    private final List<String> postmasterCommand;

    StoppablePostgres(Path data) throws Exception {
        if (Files.exists(data)) {
            try (Stream<Path> old = Files.walk(data)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data.getParent());
        this.data = data.toAbsolutePath();
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "sarafan-embedded-pg");
        Files.createDirectories(binaries);
        System.setProperty("ot.epg.working-dir", binaries.toString());
        postgres = EmbeddedPostgres.builder().setDataDirectory(this.data.toFile()).setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60)).start();
        postmasterCommand = ProcessHandle.of(postmasterPid()).orElseThrow().info().commandLine()
                .map(line -> List.of(line.split(" "))).orElseThrow();
        try (Connection db = superuser("postgres"); Statement sql = db.createStatement()) {
            sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** Where the service connects: its own database and an ordinary role, which connection limits apply to. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The test's own connections (the oracle's queries) use the superuser, which connection limits spare. */
    Connection superuser() throws SQLException {
        return superuser(DATABASE);
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres",
                "postgres");
    }

    /** An immediate shutdown: every backend is killed, nothing is flushed or answered, as in a crash. */
    void stopImmediately() throws Exception {
        pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
    }

    /** Starts the server again on the same port and data, with the options of its first start. */
    void start() throws Exception {
        // The postmaster's command line is "<bin>/postgres -D <data> <options...>": pg_ctl passes the options on.
        int options = postmasterCommand.indexOf("-D") + 2;
        pgCtl("start", "-w", "-t", "60", "-l", data.resolveSibling("postgres-restarts.log").toString(), "-o",
                String.join(" ", postmasterCommand.subList(options, postmasterCommand.size())));
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

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** The postmaster first, so that it forks no backend the signal would miss; then each of its children. */
    private void signalAll(String signal) throws Exception {
        long postmaster = postmasterPid();
        run(List.of("kill", "-" + signal, Long.toString(postmaster)), true);
        List<String> children = new ArrayList<>(List.of("kill", "-" + signal));
        ProcessHandle.of(postmaster).orElseThrow().children()
                .forEach(child -> children.add(Long.toString(child.pid())));
        run(children, false); // a backend that ended meanwhile is "no such process", which is fine
    }

    private void pgCtl(String... arguments) throws Exception {
        Path pgCtl = Path.of(postmasterCommand.get(0)).resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // initdb, pg_ctl and postgres refuse to run as root
        }
        command.add(pgCtl.toString());
        command.addAll(List.of("-D", data.toString()));
        command.addAll(List.of(arguments));
        run(command, true);
    }

    private void run(List<String> command, boolean mustSucceed) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling("postgres-control.log")
                        .toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || (mustSucceed && process.exitValue() != 0)) {
            throw new IllegalStateException(command + " failed; see " + data.resolveSibling("postgres-control.log"));
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
