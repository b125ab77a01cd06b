package app.sarafan.embeddedpg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL per JVM for the service ({@link LocalPostgres}: verified binaries in a private directory,
 * run by an unprivileged account when Sarafan runs as root). A server orphaned by a killed JVM (it keeps
 * {@code postmaster.pid}) is stopped before a new one starts on the same data directory.
 */
final class EmbeddedPostgresServer {

    static final String USER = LocalPostgres.USER;
    static final String PASSWORD = LocalPostgres.PASSWORD;
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String OWNER_FILE = "sarafan-owner.pid";

    private static EmbeddedPostgresServer instance;

    private final LocalPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(LocalPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static synchronized EmbeddedPostgresServer startOnce(String dataDirSetting, OptionalInt port,
            Optional<String> binariesDir, Optional<String> runAs) {
        if (instance == null) {
            instance = start(dataDirSetting, port, binariesDir, runAs);
        }
        return instance;
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    private static EmbeddedPostgresServer start(String dataDirSetting, OptionalInt port, Optional<String> binariesDir,
            Optional<String> runAs) {
        boolean ephemeral = dataDirSetting.isBlank() || "ephemeral".equals(dataDirSetting);
        Path dataDir;
        try {
            dataDir = ephemeral ? Files.createTempDirectory("sarafan-pg-") : Path.of(dataDirSetting).toAbsolutePath();
            Files.createDirectories(dataDir);
            stopOrphanedServer(dataDir);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("max_connections", "200");
            if (ephemeral) {
                // A throwaway test database: speed over durability.
                config.put("fsync", "off");
                config.put("synchronous_commit", "off");
            } else {
                // Data that must survive a crash needs durable commits.
                config.put("fsync", "on");
                config.put("synchronous_commit", "on");
            }
            long started = System.nanoTime();
            LocalPostgres postgres = LocalPostgres.start(dataDir, port.orElse(0), config, Duration.ofSeconds(60),
                    binariesDir, runAs);
            Files.writeString(dataDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, postgres.dataDir());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(ephemeral), "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)%s", postgres.port(), dataDir,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    ephemeral ? ", removed on exit" : "");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + e.getMessage()
                    + "\nSet QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL instead.", e);
        }
    }

    private void stop(boolean deleteData) {
        try {
            postgres.close();
            Files.deleteIfExists(dataDir.resolve(OWNER_FILE));
            if (deleteData) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
    }

    /**
     * A JVM killed with -9 leaves its postgres running and holding the data directory. If the JVM that owned the
     * directory is gone, that server is ours to stop; if it is alive, the directory is in use and we refuse.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> owner = readPid(dataDir.resolve(OWNER_FILE)).flatMap(ProcessHandle::of);
        if (owner.isPresent() && owner.get().isAlive() && owner.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                    + " is in use by process " + owner.get().pid() + "; stop it or choose another data directory.");
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
        if (postmaster.isPresent() && postmaster.get().isAlive()) {
            LOG.warnf("Stopping the orphaned embedded PostgreSQL (pid %d) left by a process that died",
                    postmaster.get().pid());
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                postmaster.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String first = Files.readString(file, StandardCharsets.US_ASCII).lines().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
