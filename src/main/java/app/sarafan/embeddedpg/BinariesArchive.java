package app.sarafan.embeddedpg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL binaries archive ({@code postgres-<os>-<arch>.txz}) of this platform, in the zonky binaries jar on the
 * classpath, and the SHA-256 pinned for it in {@code postgres-binaries.sha256}: what gets unpacked and executed is
 * exactly what was reviewed with the source, whatever sits in the local Maven repository or the application's lib
 * directory. The archive itself is read only to unpack it; a tree already unpacked is checked against the pinned
 * digest through its manifest ({@link BinariesTree}).
 */
record BinariesArchive(String name, String version, String sha256) {

    private static final String PINS = "postgres-binaries.sha256";

    /** The archive for the machine this JVM runs on. */
    static BinariesArchive forThisPlatform() {
        return forName(resourceName(System.getProperty("os.name"), System.getProperty("os.arch")));
    }

    /** The archive of that name with its pinned digest; refused when none is pinned. */
    static BinariesArchive forName(String name) {
        Pin pin = pins().get(name);
        if (pin == null) {
            throw new IllegalStateException("No SHA-256 is pinned for the embedded PostgreSQL binaries " + name + " ("
                    + PINS + "): refusing to unpack them. Use the binaries jars the build declares, or set"
                    + " QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
        }
        return new BinariesArchive(name, pin.version(), pin.sha256());
    }

    /** The archive's bytes, read from the classpath and refused unless they have the pinned digest. */
    byte[] verifiedBytes() {
        byte[] bytes = read(name);
        String digest = sha256(bytes);
        if (!digest.equals(sha256)) {
            throw new IllegalStateException("The embedded PostgreSQL binaries " + name + " on the classpath have SHA-256 "
                    + digest + " but " + sha256 + " is pinned (" + PINS + "): refusing to unpack them. Use the"
                    + " binaries jars the build declares, or set QUARKUS_DATASOURCE_JDBC_URL to use an external"
                    + " PostgreSQL.");
        }
        return bytes;
    }

    /** zonky's resource naming: {@code postgres-linux-x86_64.txz}, {@code postgres-darwin-arm_64.txz}, ... */
    static String resourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : null;
        if (system == null) {
            throw new IllegalStateException("The embedded PostgreSQL ships binaries for Linux and macOS only, not "
                    + osName + ": set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> throw new IllegalStateException("The embedded PostgreSQL ships no binaries for the " + osArch
                    + " architecture: set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
        };
        return "postgres-" + system + "-" + arch + ".txz";
    }

    /** The directory name of the unpacked tree: version and platform, so that an upgrade unpacks beside the old one. */
    String treeName() {
        return "postgres-" + version + "-" + name.substring("postgres-".length(), name.length() - ".txz".length());
    }

    record Pin(String sha256, String version) {
    }

    static Map<String, Pin> pins() {
        try (InputStream in = BinariesArchive.class.getResourceAsStream(PINS)) {
            if (in == null) {
                throw new IllegalStateException(PINS + " is missing from the application");
            }
            Map<String, Pin> pins = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                pins.put(fields[1], new Pin(fields[0], fields[2]));
            }
            return pins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String name) {
        try {
            List<URL> found = Collections.list(BinariesArchive.class.getClassLoader().getResources(name));
            if (found.isEmpty()) {
                throw new IllegalStateException("No embedded PostgreSQL binaries (" + name + ") are on the classpath:"
                        + " add the io.zonky.test.postgres binaries jar for this platform, or set"
                        + " QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL.");
            }
            if (found.size() > 1) {
                throw new IllegalStateException("Several " + name + " are on the classpath: " + found);
            }
            try (InputStream in = found.get(0).openStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded PostgreSQL binaries " + name, e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
