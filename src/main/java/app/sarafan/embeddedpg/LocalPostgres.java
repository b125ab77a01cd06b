package app.sarafan.embeddedpg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A PostgreSQL server on the embedded binaries: verified binaries in a private per-user directory
 * ({@link BinariesTree}), run by an unprivileged account that owns the data directory ({@link ServerAccount}),
 * {@code initdb} on first use, {@code pg_ctl} to start and stop. Listens on localhost only (no Unix socket in a shared
 * directory). Used by the service when no datasource is configured, and by tests that need a server of their own.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);
    private static final Logger SERVER_LOG = Logger.getLogger("app.sarafan.embeddedpg.postgres");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Path binaries;
    private final ServerAccount account;
    private final Path dataDir;
    private final int port;
    private final Deque<String> recentOutput = new ArrayDeque<>();
    /** What the last start used, so that {@link #startAgain()} starts the same server. */
    private Map<String, String> serverConfig = Map.of();
    private Duration startupWait = Duration.ofSeconds(60);

    private LocalPostgres(Path binaries, ServerAccount account, Path dataDir, int port) {
        this.binaries = binaries;
        this.account = account;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a server on {@code dataDir} (created, and initialised when empty) with the default binaries directory
     * and account. {@code port} 0 picks a free one.
     */
    public static LocalPostgres start(Path dataDir, int port, Map<String, String> serverConfig, Duration startupWait)
            throws IOException {
        return start(dataDir, port, serverConfig, startupWait, Optional.empty(), Optional.empty());
    }

    /**
     * @param binariesDir where the binaries are unpacked ({@code sarafan.embedded-postgres.binaries-dir}); default
     *                    {@code $XDG_CACHE_HOME/sarafan}, {@code ~/.cache/sarafan}, or {@code /var/cache/sarafan} as root
     * @param runAs       the account when Sarafan runs as root ({@code sarafan.embedded-postgres.run-as})
     */
    static LocalPostgres start(Path dataDir, int port, Map<String, String> serverConfig, Duration startupWait,
            Optional<String> binariesDir, Optional<String> runAs) throws IOException {
        ServerAccount account = ServerAccount.resolve(runAs);
        Path root = binariesDir.filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> defaultBinariesRoot(account.dropsPrivileges()));
        // Only this user may write there; the server's account must read and execute when it is another one.
        root = PrivateDirectory.ensure(root, account.dropsPrivileges() ? "rwxr-xr-x" : "rwx------");
        Path binaries = BinariesTree.prepare(root, BinariesArchive.forThisPlatform(), account.dropsPrivileges());
        account.requireReachable(binaries, "binaries");

        Files.createDirectories(dataDir);
        Path data = dataDir.toRealPath();
        account.own(data);
        account.requireReachable(data, "data directory");
        LocalPostgres server = new LocalPostgres(binaries, account, data, port == 0 ? freePort() : port);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            server.run("initdb", List.of("-A", "trust", "-U", USER, "-D", data.toString(), "-E", "UTF-8"),
                    Duration.ofMinutes(2));
        }
        server.startServer(serverConfig, startupWait);
        return server;
    }

    static Path defaultBinariesRoot(boolean asRoot) {
        if (asRoot) {
            // root's home is usually closed to other users, and the server's account must execute the binaries.
            return Path.of("/var/cache/sarafan");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sarafan");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sarafan");
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The postmaster's process id while it runs (from {@code postmaster.pid}). */
    public OptionalLong pid() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            String first = Files.readString(pidFile, StandardCharsets.US_ASCII).lines().findFirst().orElse("").strip();
            return first.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Stops the server (fast shutdown: open transactions are rolled back). */
    @Override
    public void close() {
        if (pid().isEmpty()) {
            return;
        }
        try {
            run("pg_ctl", List.of("-D", dataDir.toString(), "stop", "-m", "fast", "-w",
                    "-t", Long.toString(STOP_WAIT.toSeconds())), STOP_WAIT.plusSeconds(5));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The embedded PostgreSQL on %s did not stop cleanly: %s", dataDir, e.getMessage());
        }
    }

    /**
     * An immediate shutdown: every backend is killed and nothing is flushed, as in a crash (the next start
     * recovers from the WAL). For tests that hurt the database; {@link #startAgain()} brings it back.
     */
    public void stopImmediately() throws IOException {
        run("pg_ctl", List.of("-D", dataDir.toString(), "stop", "-m", "immediate", "-w",
                "-t", Long.toString(STOP_WAIT.toSeconds())), STOP_WAIT.plusSeconds(5));
    }

    /** Starts the stopped server again on the same data directory and port, with the configuration of its start. */
    public void startAgain() throws IOException {
        if (pid().isPresent()) {
            throw new IllegalStateException("The embedded PostgreSQL on " + dataDir + " is still running");
        }
        startServer(serverConfig, startupWait);
    }

    private void startServer(Map<String, String> serverConfig, Duration startupWait) throws IOException {
        this.serverConfig = Map.copyOf(serverConfig);
        this.startupWait = startupWait;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "localhost");
        // No socket in /tmp, shared with every user: the service connects over TCP.
        config.put("unix_socket_directories", "");
        config.put("timezone", "UTC");
        config.putAll(serverConfig);
        StringBuilder options = new StringBuilder("-p ").append(port);
        config.forEach((key, value) -> options.append(" -c ").append(shellQuoted(key + "=" + value)));
        long started = System.nanoTime();
        run("pg_ctl", List.of("-D", dataDir.toString(), "-o", options.toString(), "-w",
                "-t", Long.toString(Math.max(1, startupWait.toSeconds())), "start"), startupWait.plusSeconds(10));
        LOG.debugf("PostgreSQL started in %d ms as %s", Duration.ofNanos(System.nanoTime() - started).toMillis(),
                account.name());
    }

    /** pg_ctl hands its options to /bin/sh: each one is quoted. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Runs one of the binaries under the server's account, with an environment stripped of this JVM's (its secrets
     * must not be readable in /proc by other processes of that account), and fails with its last output lines.
     */
    private void run(String program, List<String> arguments, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(account.command(binaries.resolve("bin").resolve(program), arguments))
                .redirectErrorStream(true).directory(dataDir.toFile());
        Map<String, String> environment = builder.environment();
        Map<String, String> kept = new LinkedHashMap<>();
        environment.forEach((key, value) -> {
            if (key.equals("PATH") || key.equals("TZ") || key.equals("LANG") || key.startsWith("LC_")) {
                kept.put(key, value);
            }
        });
        environment.clear();
        environment.putAll(kept);
        Process process = builder.start();
        Thread reader = forwardOutput(program, process);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within " + timeout.toSeconds() + " s" + recent());
            }
            if (process.exitValue() != 0) {
                reader.join(1000);
                throw new IOException(program + " failed (exit " + process.exitValue() + ")" + recent());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + program, e);
        }
    }

    /**
     * The server inherits pg_ctl's output and keeps it open as long as it runs: a daemon thread forwards it to the
     * log (at DEBUG; a PANIC at ERROR) and keeps the last lines for error messages.
     */
    private Thread forwardOutput(String program, Process process) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (recentOutput) {
                        recentOutput.addLast(line);
                        if (recentOutput.size() > 20) {
                            recentOutput.removeFirst();
                        }
                    }
                    if (line.contains("PANIC:")) {
                        SERVER_LOG.error(line);
                    } else {
                        SERVER_LOG.debug(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "embedded-postgres-" + program);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private String recent() {
        synchronized (recentOutput) {
            List<String> lines = new ArrayList<>(recentOutput);
            return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
