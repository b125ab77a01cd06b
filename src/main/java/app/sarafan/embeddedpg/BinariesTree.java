package app.sarafan.embeddedpg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;
import org.tukaani.xz.XZInputStream;

/**
 * The binaries unpacked from a {@link BinariesArchive} under a {@link PrivateDirectory}, with a manifest beside them:
 * the archive's pinned SHA-256 and, for every entry, its kind, mode and (for files) SHA-256. Every start re-reads the
 * tree and compares it with the manifest (about 60 MB hashed, some 0.2 s; the archive itself is read only to unpack
 * it): a changed, added, removed or re-linked file, or a tree from another archive, is detected, set aside and
 * unpacked again from the verified archive. A tree is published by an atomic rename of a fully unpacked staging
 * directory, so no process ever sees half of one, and several JVMs starting at once need no lock.
 */
final class BinariesTree {

    static final String MANIFEST = ".sarafan-manifest";
    private static final Logger LOG = Logger.getLogger(BinariesTree.class);

    private BinariesTree() {
    }

    /**
     * The verified tree of {@code archive} under {@code root} (a private directory), unpacked when missing, when made
     * from another archive, or when it no longer matches its manifest.
     *
     * @param readableByOthers whether another uid (the server's account when Sarafan runs as root) must read and
     *                         execute the binaries: directories and files get r-x for group and others, never w
     */
    static Path prepare(Path root, BinariesArchive archive, boolean readableByOthers) {
        Path tree = root.resolve(archive.treeName());
        try {
            if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                long started = System.nanoTime();
                Optional<String> problem = verify(tree, archive);
                if (problem.isEmpty()) {
                    LOG.debugf("Verified the embedded PostgreSQL binaries in %s (%d ms)", tree,
                            (System.nanoTime() - started) / 1_000_000);
                    return tree;
                }
                LOG.warnf("The embedded PostgreSQL binaries in %s cannot be trusted (%s): unpacking them again from %s",
                        tree, problem.get(), archive.name());
                setAside(root, tree);
            }
            removeLeftovers(root, archive.treeName());
            Path staging = root.resolve("." + archive.treeName() + ".unpacking-" + UUID.randomUUID());
            Files.createDirectory(staging);
            try {
                unpack(archive, staging, readableByOthers);
                Files.writeString(staging.resolve(MANIFEST), manifest(staging, archive.sha256()),
                        StandardCharsets.UTF_8);
                try {
                    Files.move(staging, tree, StandardCopyOption.ATOMIC_MOVE);
                    LOG.infof("Unpacked the embedded PostgreSQL %s binaries into %s", archive.version(), tree);
                } catch (IOException raced) {
                    // Another JVM published the tree first: use theirs if it verifies.
                    Optional<String> problem = verify(tree, archive);
                    if (problem.isPresent()) {
                        throw new IllegalStateException("The embedded PostgreSQL binaries in " + tree
                                + " cannot be trusted (" + problem.get() + ") and could not be replaced: "
                                + raced.getMessage());
                    }
                }
            } finally {
                deleteTree(staging);
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException("Could not unpack the embedded PostgreSQL binaries into " + tree + ": "
                    + e.getMessage() + ". Set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL instead.", e);
        }
    }

    /** Empty when {@code tree} is exactly what {@code archive} unpacks to, else the first difference found. */
    static Optional<String> verify(Path tree, BinariesArchive archive) throws IOException {
        Path manifestFile = tree.resolve(MANIFEST);
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it is not a directory");
        }
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it has no manifest");
        }
        List<String> expected = Files.readAllLines(manifestFile, StandardCharsets.UTF_8);
        if (expected.isEmpty() || !expected.get(0).equals(header(archive.sha256()))) {
            return Optional.of("it was unpacked from another archive than " + archive.name() + " " + archive.sha256());
        }
        long me = PrivateDirectory.currentUid();
        List<String> actual;
        try {
            actual = entries(tree, me);
        } catch (UntrustedEntry e) {
            return Optional.of(e.getMessage());
        }
        Set<String> missing = new TreeSet<>(expected.subList(1, expected.size()));
        actual.forEach(missing::remove);
        Set<String> unexpected = new TreeSet<>(actual);
        expected.forEach(unexpected::remove);
        if (!unexpected.isEmpty()) {
            return Optional.of("changed or added: " + path(unexpected.iterator().next()));
        }
        if (!missing.isEmpty()) {
            return Optional.of("changed or removed: " + path(missing.iterator().next()));
        }
        return Optional.empty();
    }

    private static String manifest(Path tree, String archiveSha256) throws IOException {
        StringBuilder text = new StringBuilder(header(archiveSha256)).append('\n');
        for (String entry : entries(tree, PrivateDirectory.currentUid())) {
            text.append(entry).append('\n');
        }
        return text.toString();
    }

    private static String header(String archiveSha256) {
        return "archive sha256 " + archiveSha256;
    }

    /** One line per entry, sorted: {@code d <mode> <path>}, {@code f <mode> <sha256> <path>}, {@code l <target> <path>}. */
    private static List<String> entries(Path tree, long owner) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted().toList()) {
                if (path.equals(tree) || path.equals(tree.resolve(MANIFEST))) {
                    continue;
                }
                String relative = tree.relativize(path).toString();
                if (PrivateDirectory.uid(path) != owner) {
                    throw new UntrustedEntry(relative + " is owned by uid " + PrivateDirectory.uid(path));
                }
                if (Files.isSymbolicLink(path)) {
                    lines.add("l " + Files.readSymbolicLink(path) + " " + relative);
                    continue;
                }
                int mode = PrivateDirectory.mode(path);
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add("d " + PrivateDirectory.octal(mode) + " " + relative);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add("f " + PrivateDirectory.octal(mode) + " " + sha256(path) + " " + relative);
                } else {
                    throw new UntrustedEntry(relative + " is neither a file, a directory nor a link");
                }
            }
        }
        return lines;
    }

    private static String path(String entry) {
        return entry.substring(entry.lastIndexOf(' ') + 1);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = BinariesArchive.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void unpack(BinariesArchive archive, Path target, boolean readableByOthers) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive.verifiedBytes())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target) || path.equals(target)) {
                    if (path.equals(target)) {
                        continue;
                    }
                    throw new IOException("the archive entry " + entry.getName() + " points outside the tree");
                }
                Files.createDirectories(path.getParent());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(0755, readableByOthers));
                } else if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (link.isAbsolute() || !path.getParent().resolve(link).normalize().startsWith(target)) {
                        throw new IOException("the archive link " + entry.getName() + " points outside the tree");
                    }
                    Files.createSymbolicLink(path, link);
                } else if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(path)) {
                        tar.transferTo(out);
                    }
                    boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/");
                    Files.setPosixFilePermissions(path, permissions(executable ? 0755 : 0644, readableByOthers));
                } else {
                    throw new IOException("the archive entry " + entry.getName() + " is of an unsupported kind");
                }
            }
        }
        Files.setPosixFilePermissions(target, permissions(0755, readableByOthers));
    }

    /** {@code mode} for the owner; for group and others only when another uid must read, and never write. */
    private static Set<PosixFilePermission> permissions(int mode, boolean readableByOthers) {
        int effective = readableByOthers ? mode & 0755 : mode & 0700;
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE = 0400 .. 0001
        for (int i = 0; i < bits.length; i++) {
            if ((effective & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    private static void setAside(Path root, Path tree) throws IOException {
        Path aside = root.resolve("." + tree.getFileName() + ".rejected-" + UUID.randomUUID());
        Files.move(tree, aside, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(aside);
    }

    /** Staging and rejected copies that a process killed while unpacking left behind (an hour old: not in use). */
    private static void removeLeftovers(Path root, String treeName) throws IOException {
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        try (Stream<Path> siblings = Files.list(root)) {
            for (Path sibling : siblings.toList()) {
                String name = sibling.getFileName().toString();
                if ((name.startsWith("." + treeName + ".unpacking-") || name.startsWith("." + treeName + ".rejected-"))
                        && Files.getLastModifiedTime(sibling, LinkOption.NOFOLLOW_LINKS).toMillis() < anHourAgo) {
                    deleteTree(sibling);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** An entry that no manifest could vouch for (another owner, a device or a pipe). */
    private static final class UntrustedEntry extends IOException {
        UntrustedEntry(String message) {
            super(message);
        }
    }
}
