package app.sarafan.embeddedpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Only the reviewed PostgreSQL binaries are unpacked: each archive's SHA-256 is pinned in the source. */
class BinariesArchiveTest {

    @Test
    void everyShippedArchiveMatchesItsPinnedDigest() {
        Map<String, BinariesArchive.Pin> pins = BinariesArchive.pins();

        assertEquals(4, pins.size(), "linux and darwin, x86_64 and arm_64");
        // A new postgres-binaries.version fails here with the digest to pin (after checking it against Maven Central).
        pins.forEach((name, pin) -> assertEquals(pin.sha256(), BinariesArchive.sha256(readRaw(name)), name));
    }

    @Test
    void anArchiveWithoutAPinnedDigestIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> BinariesArchive.forName("postgres-test-unpinned.txz"));

        assertTrue(refused.getMessage().startsWith("No SHA-256 is pinned for the embedded PostgreSQL binaries"
                + " postgres-test-unpinned.txz"), refused.getMessage());
    }

    @Test
    void anArchiveWhoseBytesDoNotMatchThePinnedDigestIsRefused() {
        BinariesArchive pinnedElsewhere = new BinariesArchive("postgres-linux-x86_64.txz", "17.6.0", "0".repeat(64));

        IllegalStateException refused = assertThrows(IllegalStateException.class, pinnedElsewhere::verifiedBytes);

        assertTrue(refused.getMessage().contains("have SHA-256 26fa633461a3340913015503d0783d73a28384110257e2f17d9936bdf8b067c0"
                + " but " + "0".repeat(64) + " is pinned"), refused.getMessage());
    }

    @Test
    void thePlatformNamesAreZonkys() {
        assertEquals("postgres-linux-x86_64.txz", BinariesArchive.resourceName("Linux", "amd64"));
        assertEquals("postgres-linux-arm_64.txz", BinariesArchive.resourceName("Linux", "aarch64"));
        assertEquals("postgres-darwin-arm_64.txz", BinariesArchive.resourceName("Mac OS X", "aarch64"));
        assertEquals("postgres-darwin-x86_64.txz", BinariesArchive.resourceName("Mac OS X", "x86_64"));
        assertEquals("postgres-17.6.0-linux-x86_64", BinariesArchive.forName("postgres-linux-x86_64.txz").treeName());
    }

    private static byte[] readRaw(String name) {
        try (var in = BinariesArchive.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
