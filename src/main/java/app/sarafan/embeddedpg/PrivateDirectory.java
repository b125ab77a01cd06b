package app.sarafan.embeddedpg;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.sun.security.auth.module.UnixSystem;

/**
 * A directory that only its owner (this process's user) can write, nor anyone replace on its way: the place whose
 * contents Sarafan executes. Created with the given mode when missing; refused, with the reason, when it or a
 * directory above it is writable by another user (a sticky directory such as {@code /tmp} owned by root is fine:
 * others can add entries there but not rename or remove ours).
 */
final class PrivateDirectory {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final long ROOT = 0;

    private PrivateDirectory() {
    }

    /** The uid this JVM runs as. */
    static long currentUid() {
        return new UnixSystem().getUid();
    }

    /**
     * Creates {@code dir} (and missing parents) with {@code mode} (for example {@code rwx------}), then checks it.
     *
     * @return the directory's real path
     */
    static Path ensure(Path dir, String mode) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            createWithMode(absolute, mode);
            Path real = absolute.toRealPath();
            check(real);
            return real;
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Refuses {@code dir} unless this user owns it, only this user can write it, and no other user can replace it. */
    static void check(Path dir) throws IOException {
        long me = currentUid();
        Path real = dir.toRealPath();
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw unsafe(dir, "it is not a directory");
        }
        long owner = uid(real);
        int mode = mode(real);
        if (owner != me) {
            throw unsafe(dir, "it is owned by uid " + owner + ", not by this user (uid " + me + ")");
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            throw unsafe(dir, "it is writable by its group or by everyone (mode " + octal(mode) + ")");
        }
        for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
            long parentOwner = uid(parent);
            int parentMode = mode(parent);
            if (parentOwner != me && parentOwner != ROOT) {
                throw unsafe(dir, "the directory above it, " + parent + ", is owned by uid " + parentOwner
                        + ", who could replace it");
            }
            if ((parentMode & GROUP_OR_OTHER_WRITE) != 0 && !(parentOwner == ROOT && (parentMode & STICKY) != 0)) {
                throw unsafe(dir, "the directory above it, " + parent + ", is writable by others (mode "
                        + octal(parentMode) + "), who could replace it");
            }
        }
    }

    static long uid(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    static long gid(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    private static void createWithMode(Path dir, String mode) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createWithMode(parent, mode);
        }
        try {
            Files.createDirectory(dir);
            // Set after creation: the umask may have removed bits the mode asks for, and never adds any.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it meanwhile; check() judges it like any existing directory.
        }
    }

    private static IllegalStateException unsafe(Path dir, String reason) {
        return new IllegalStateException("Refusing to use " + dir + " for the embedded PostgreSQL binaries: " + reason
                + ". Fix its ownership and permissions (chown, chmod go-w), point SARAFAN_EMBEDDED_POSTGRES_BINARIES_DIR"
                + " at a directory only you can write, or set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
    }
}
