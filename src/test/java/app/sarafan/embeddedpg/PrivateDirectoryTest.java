package app.sarafan.embeddedpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory the embedded PostgreSQL binaries are executed from: only its owner may write it or replace it. */
class PrivateDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aMissingDirectoryIsCreatedReadableOnlyByItsOwner() throws Exception {
        Path created = PrivateDirectory.ensure(temp.resolve("cache/sarafan"), "rwx------");

        assertEquals("0700", PrivateDirectory.octal(PrivateDirectory.mode(created)));
        assertEquals("0700", PrivateDirectory.octal(PrivateDirectory.mode(temp.resolve("cache"))));
        assertEquals(PrivateDirectory.currentUid(), PrivateDirectory.uid(created));
    }

    @Test
    void aWorldWritableDirectoryIsRefused() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PrivateDirectory.ensure(shared, "rwx------"));

        assertTrue(refused.getMessage().contains("writable by its group or by everyone (mode 0777)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("SARAFAN_EMBEDDED_POSTGRES_BINARIES_DIR"), refused.getMessage());
    }

    @Test
    void aGroupWritableDirectoryIsRefused() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));

        assertThrows(IllegalStateException.class, () -> PrivateDirectory.check(shared));
    }

    @Test
    void aDirectoryUnderOneOthersCanWriteIsRefused() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path mine = Files.createDirectory(open.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PrivateDirectory.check(mine));

        assertTrue(refused.getMessage().contains("the directory above it, " + open.toRealPath()
                + ", is writable by others"), refused.getMessage());
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue(PrivateDirectory.currentUid() == 0, "only root can give a directory to another user");
        Path theirs = Files.createDirectory(temp.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(theirs, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PrivateDirectory.check(theirs));

        assertTrue(refused.getMessage().contains("it is owned by uid 65534, not by this user (uid 0)"),
                refused.getMessage());
    }

    @Test
    void aStickyRootOwnedParentSuchAsTmpIsAccepted() throws Exception {
        Path tmp = Path.of("/tmp");
        assumeTrue(PrivateDirectory.uid(tmp) == 0 && (PrivateDirectory.mode(tmp) & 01000) != 0);
        Path mine = Files.createTempDirectory(tmp, "private-directory-test-");
        try {
            PrivateDirectory.check(mine);
        } finally {
            Files.delete(mine);
        }
    }
}
