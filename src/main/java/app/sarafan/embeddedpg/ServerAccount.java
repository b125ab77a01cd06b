package app.sarafan.embeddedpg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The operating-system account the embedded PostgreSQL runs under. PostgreSQL refuses to run as root; when Sarafan
 * does, the server runs as an unprivileged user (by default {@code sarafan-pg} if that user exists, else
 * {@code nobody}) through {@code setpriv}, and that user owns the data directory. It is a real uid on the host, not
 * root mapped into a user namespace, so a compromised server process holds no privilege. Otherwise the server runs
 * as this JVM's user.
 */
record ServerAccount(String name, long uid, long gid, String setpriv) {

    /** Whether the server runs as another user than this JVM (Sarafan runs as root). */
    boolean dropsPrivileges() {
        return setpriv != null;
    }


    static final String DEDICATED_USER = "sarafan-pg";
    static final String FALLBACK_USER = "nobody";
    private static final Logger LOG = Logger.getLogger(ServerAccount.class);

    /** @param runAs the configured user when Sarafan runs as root ({@code sarafan.embedded-postgres.run-as}) */
    static ServerAccount resolve(Optional<String> runAs) {
        long me = PrivateDirectory.currentUid();
        if (me != 0) {
            return new ServerAccount(System.getProperty("user.name"), me, -1, null);
        }
        String setpriv = findSetpriv().orElseThrow(() -> new IllegalStateException("Sarafan runs as root, and PostgreSQL"
                + " refuses to: the embedded server would run as an unprivileged user through 'setpriv' (package"
                + " util-linux), which is not installed. Install it, run Sarafan as another user, or set"
                + " QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL."));
        String name = runAs.filter(s -> !s.isBlank()).orElseGet(
                () -> idOf(DEDICATED_USER, "-u").isPresent() ? DEDICATED_USER : FALLBACK_USER);
        long uid = idOf(name, "-u").orElseThrow(() -> new IllegalStateException("Sarafan runs as root, so the embedded"
                + " PostgreSQL runs as the user " + name + ", which does not exist. Create it (useradd --system"
                + " --no-create-home --shell /usr/sbin/nologin " + name + ") or name another one in"
                + " SARAFAN_EMBEDDED_POSTGRES_RUN_AS."));
        if (uid == 0) {
            throw new IllegalStateException("SARAFAN_EMBEDDED_POSTGRES_RUN_AS names " + name
                    + ", which is root: the embedded PostgreSQL must run as an unprivileged user.");
        }
        long gid = idOf(name, "-g").orElseThrow();
        if (name.equals(FALLBACK_USER) && runAs.isEmpty()) {
            LOG.infof("Sarafan runs as root: the embedded PostgreSQL runs as %s (uid %d). A dedicated user keeps its data"
                    + " from other processes running as %s: useradd --system --no-create-home --shell"
                    + " /usr/sbin/nologin %s", name, uid, name, DEDICATED_USER);
        }
        LOG.debugf("The embedded PostgreSQL runs as %s (uid %d, gid %d) through %s", name, uid, gid, setpriv);
        return new ServerAccount(name, uid, gid, setpriv);
    }

    /** The command line that runs {@code executable} under this account. */
    List<String> command(Path executable, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (dropsPrivileges()) {
            command.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                    "--no-new-privs", "--"));
        }
        command.add(executable.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * Gives the data directory to this account. A directory created by root, or by an earlier Sarafan whose server
     * ran root-mapped in a user namespace, is handed over with everything in it, once.
     */
    void own(Path dataDir) throws IOException {
        if (!dropsPrivileges() || PrivateDirectory.uid(dataDir) == uid) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                LOG.infof("Handing the embedded PostgreSQL data directory %s over to %s (uid %d)", dataDir, name, uid);
            }
        }
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path path : walk.toList()) {
                Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Refuses, with a way out, when this account cannot reach {@code path} through the directories above it. */
    void requireReachable(Path path, String what) throws IOException {
        if (!dropsPrivileges()) {
            return;
        }
        for (Path dir = path.toRealPath(); dir != null; dir = dir.getParent()) {
            int mode = PrivateDirectory.mode(dir);
            boolean reachable = PrivateDirectory.uid(dir) == uid ? (mode & 0100) != 0
                    : PrivateDirectory.gid(dir) == gid ? (mode & 0010) != 0 : (mode & 0001) != 0;
            if (!reachable) {
                throw new IllegalStateException("Sarafan runs as root, so the embedded PostgreSQL runs as " + name
                        + " (uid " + uid + "), which cannot enter " + dir + " (mode " + PrivateDirectory.octal(mode)
                        + ") on the way to its " + what + " " + path + ". Move it (" + (what.startsWith("data")
                        ? "SARAFAN_EMBEDDED_POSTGRES_DATA_DIR" : "SARAFAN_EMBEDDED_POSTGRES_BINARIES_DIR")
                        + ") under a directory others may enter, run Sarafan as another user, or set"
                        + " QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
            }
        }
    }

    private static Optional<String> findSetpriv() {
        return Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** {@code id -u name} or {@code id -g name}; empty when there is no such user. */
    private static Optional<Long> idOf(String name, String flag) {
        try {
            Process id = new ProcessBuilder("id", flag, name).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(out));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
