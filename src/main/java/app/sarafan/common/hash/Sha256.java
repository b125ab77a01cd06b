package app.sarafan.common.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The fingerprint of what a request said, to tell a retry from a reuse of its key: SHA-256, hex. */
public final class Sha256 {

    private Sha256() {
    }

    /** The hex SHA-256 of the parts in UTF-8, a zero byte between two parts so that ("ab","c") ≠ ("a","bc"). */
    public static String hex(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    digest.update((byte) 0);
                }
                digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
