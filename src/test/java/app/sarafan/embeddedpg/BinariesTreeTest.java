package app.sarafan.embeddedpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked binaries are checked against their manifest at every start; a tampered tree is unpacked again. */
class BinariesTreeTest {

    private static BinariesArchive archive;
    /** Unpacked once; each test works on a copy (unpacking takes seconds, copying a fraction of one). */
    private static Path pristine;

    @TempDir
    static Path pristineRoot;

    @TempDir
    Path root;

    @BeforeAll
    static void unpackOnce() {
        archive = BinariesArchive.forThisPlatform();
        pristine = BinariesTree.prepare(pristineRoot, archive, false);
    }

    /** A copy of the pristine tree under this test's root, modes and links as they are. */
    private Path copy() throws Exception {
        Path tree = root.resolve(pristine.getFileName());
        try (var walk = Files.walk(pristine)) {
            for (Path source : walk.toList()) {
                Files.copy(source, tree.resolve(pristine.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return tree;
    }

    @Test
    void anUnpackedTreeVerifiesAndIsReusedAsItIs() throws Exception {
        Path tree = pristine;
        long unpackedAt = Files.getLastModifiedTime(tree.resolve(BinariesTree.MANIFEST)).toMillis();

        assertEquals(Optional.empty(), BinariesTree.verify(tree, archive));
        assertEquals(tree, BinariesTree.prepare(pristineRoot, archive, false));
        assertEquals(unpackedAt, Files.getLastModifiedTime(tree.resolve(BinariesTree.MANIFEST)).toMillis());
        assertTrue(Files.isExecutable(tree.resolve("bin/postgres")));
        assertEquals("0700", PrivateDirectory.octal(PrivateDirectory.mode(tree.resolve("bin/postgres"))),
                "nobody else needs to read them");
        assertTrue(Files.readString(tree.resolve(BinariesTree.MANIFEST)).startsWith("archive sha256 " + archive.sha256()));
    }

    @Test
    void aTamperedBinaryIsDetectedAndUnpackedAgain() throws Exception {
        Path tree = copy();
        Path postgres = tree.resolve("bin/postgres");
        byte[] genuine = Files.readAllBytes(postgres);
        Files.writeString(postgres, "#!/bin/sh\necho owned\n", StandardOpenOption.TRUNCATE_EXISTING);

        assertEquals(Optional.of("changed or added: bin/postgres"), BinariesTree.verify(tree, archive));

        Path again = BinariesTree.prepare(root, archive, true);
        assertEquals(tree, again);
        assertEquals(BinariesArchive.sha256(genuine), BinariesArchive.sha256(Files.readAllBytes(postgres)));
        assertEquals(Optional.empty(), BinariesTree.verify(again, archive));
        assertEquals("0755", PrivateDirectory.octal(PrivateDirectory.mode(postgres)),
                "unpacked for another account (root's server), which executes it");
        try (var left = Files.list(root)) {
            assertEquals(1, left.count(), "the rejected copy and the staging directory are gone");
        }
    }

    @Test
    void anAddedLibraryARelinkedFileAndAWiderModeAreDetected() throws Exception {
        Path tree = copy();

        Files.writeString(tree.resolve("lib/injected.so"), "x");
        assertEquals(Optional.of("changed or added: lib/injected.so"), BinariesTree.verify(tree, archive));
        Files.delete(tree.resolve("lib/injected.so"));

        Files.delete(tree.resolve("bin/initdb"));
        Files.createSymbolicLink(tree.resolve("bin/initdb"), Path.of("/bin/true"));
        assertEquals(Optional.of("changed or added: bin/initdb"), BinariesTree.verify(tree, archive));

        Files.delete(tree.resolve("bin/initdb"));
        Files.copy(pristine.resolve("bin/initdb"), tree.resolve("bin/initdb"), StandardCopyOption.COPY_ATTRIBUTES);
        assertEquals(Optional.empty(), BinariesTree.verify(tree, archive));

        Files.setPosixFilePermissions(tree.resolve("bin/pg_ctl"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertFalse(BinariesTree.verify(tree, archive).isEmpty());
    }

    @Test
    void aTreeUnpackedFromAnotherArchiveIsNotTrusted() throws Exception {
        Path tree = copy();
        Path manifest = tree.resolve(BinariesTree.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(archive.sha256(), "0".repeat(64)));

        assertTrue(BinariesTree.verify(tree, archive).orElseThrow().startsWith("it was unpacked from another archive"));
    }
}
