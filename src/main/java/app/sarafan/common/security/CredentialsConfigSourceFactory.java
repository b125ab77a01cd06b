package app.sarafan.common.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * So that a newcomer's first start needs no setup, the credentials that are not configured are generated once and
 * kept in {@code sarafan.credentials-file}: a shop API key, an admin API key, the RSA key pair that signs and
 * verifies member tokens, and the AES key that encrypts withdrawals' payout details. Configured values always win
 * (this source has the lowest priority), and production deployments configure all of them. With the file set to {@code ephemeral} (tests) they live in memory only.
 */
public class CredentialsConfigSourceFactory implements ConfigSourceFactory {

    static final String FILE = "sarafan.credentials-file";
    static final String SHOP_KEYS = "sarafan.auth.shop-api-keys";
    static final String ADMIN_KEYS = "sarafan.auth.admin-api-keys";
    static final String VERIFY_KEY = "mp.jwt.verify.publickey";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String EVENT_SECRETS = "sarafan.events.signing-secrets";
    static final String PAYOUT_KEY = "sarafan.withdrawals.payout-details-key";
    static final String PAYOUT_KEYRING = "sarafan.withdrawals.payout-keys.keyring";
    /** Which credentials this source supplied (names of the file), for CredentialsInProduction. */
    static final String TAKEN_FROM_FILE = "sarafan.credentials.taken-from-file";

    private static final List<String> NAMES = List.of("shop-api-key", "admin-api-key", "member-token-public-key",
            "member-token-private-key", "event-signing-secret", "payout-details-key");

    private static Map<String, String> generated;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!active(ExecutionMode.current(), context.getProfiles()) || value(context, FILE) == null) {
            return List.of();
        }
        Map<String, String> credentials = credentials(value(context, FILE));
        Map<String, String> missing = new HashMap<>();
        if (value(context, SHOP_KEYS) == null) {
            missing.put(SHOP_KEYS, credentials.get("shop-api-key"));
        }
        if (value(context, ADMIN_KEYS) == null) {
            missing.put(ADMIN_KEYS, credentials.get("admin-api-key"));
        }
        if (value(context, EVENT_SECRETS) == null) {
            missing.put(EVENT_SECRETS, credentials.get("event-signing-secret"));
        }
        if (value(context, PAYOUT_KEY) == null && value(context, PAYOUT_KEYRING) == null) {
            missing.put(PAYOUT_KEY, credentials.get("payout-details-key"));
        }
        boolean verifyConfigured = value(context, VERIFY_KEY) != null || value(context, VERIFY_KEY + ".location") != null
                || value(context, "mp.jwt.verify.publickey.location") != null;
        boolean signConfigured = value(context, SIGN_KEY) != null || value(context, SIGN_KEY + ".location") != null;
        if (!verifyConfigured && !signConfigured) {
            missing.put(VERIFY_KEY, credentials.get("member-token-public-key"));
            missing.put(SIGN_KEY, credentials.get("member-token-private-key"));
        }
        if (!missing.isEmpty()) {
            Map<String, String> names = Map.of(SHOP_KEYS, "shop-api-key", ADMIN_KEYS, "admin-api-key", EVENT_SECRETS,
                    "event-signing-secret", PAYOUT_KEY, "payout-details-key", VERIFY_KEY, "member-token-public-key",
                    SIGN_KEY, "member-token-private-key");
            missing.put(TAKEN_FROM_FILE, String.join(",", missing.keySet().stream().map(names::get).sorted().toList()));
        }
        return List.of(new MapBackedConfigSource("sarafan-generated-credentials", missing, 40) {
        });
    }

    /**
     * Not while the application is built (the jar must not carry generated secrets), except in dev mode: there
     * smallrye-jwt looks at build time for a member-token key pair and, finding none, puts an in-memory pair of its
     * own above this source, regenerated at every restart, so that tokens died with each restart. Supplying the
     * file's pair at build time too keeps the dev tokens valid across restarts.
     */
    static boolean active(ExecutionMode mode, List<String> profiles) {
        return mode != ExecutionMode.UNSET || profiles.contains("dev");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(40);
    }

    private static synchronized Map<String, String> credentials(String file) {
        if (generated == null) {
            generated = "ephemeral".equals(file) ? generate() : loadOrCreate(Path.of(file).toAbsolutePath());
        }
        return generated;
    }

    static Map<String, String> loadOrCreate(Path file) {
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            }
            // A file written by an older version lacks the newer credentials: add them, keep the rest. Nothing is
            // generated when nothing is missing (an RSA key pair takes a while).
            boolean added = false;
            if (!properties.keySet().containsAll(NAMES)) {
                for (Map.Entry<String, String> entry : generate().entrySet()) {
                    added |= properties.putIfAbsent(entry.getKey(), entry.getValue()) == null;
                }
            }
            if (added) {
                Files.createDirectories(file.getParent());
                try (Writer writer = Files.newBufferedWriter(file)) {
                    properties.store(writer, "Generated by Sarafan on first start; configure your own in production");
                }
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            Map<String, String> values = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep generated credentials in " + file, e);
        }
    }

    private static Map<String, String> generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return Map.of(
                    "shop-api-key", "shop_" + randomToken(),
                    "admin-api-key", "admin_" + randomToken(),
                    "member-token-public-key", base64.encodeToString(pair.getPublic().getEncoded()),
                    "member-token-private-key", base64.encodeToString(pair.getPrivate().getEncoded()),
                    "event-signing-secret", "whsec_" + base64.encodeToString(randomBytes(32)),
                    "payout-details-key", randomKey());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An AES-256 key, base64. */
    private static String randomKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
