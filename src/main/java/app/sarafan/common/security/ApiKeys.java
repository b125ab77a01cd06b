package app.sarafan.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared with every digest
 * in constant time, so neither timing nor a heap dump gives a key away.
 */
@ApplicationScoped
public class ApiKeys {

    private record Entry(byte[] digest, String role) {
    }

    /** Who presented a key: the role and a fingerprint that is safe to log and to scope data by. */
    public record Caller(String role, String fingerprint) {
        public String name() {
            return role + ":" + fingerprint;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    ApiKeys(AuthConfig config) {
        config.shopApiKeys().orElse(List.of()).forEach(k -> add(k, Roles.SHOP));
        config.adminApiKeys().orElse(List.of()).forEach(k -> add(k, Roles.ADMIN));
    }

    private void add(String configured, String role) {
        String value = configured.trim();
        if (value.isEmpty()) {
            return;
        }
        byte[] digest = value.startsWith("sha256:") ? HexFormat.of().parseHex(value.substring(7)) : sha256(value);
        entries.add(new Entry(digest, role));
    }

    public Optional<Caller> identify(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && match == null) {
                match = entry;
            }
        }
        return Optional.ofNullable(match)
                .map(e -> new Caller(e.role(), HexFormat.of().formatHex(e.digest()).substring(0, 12)));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
