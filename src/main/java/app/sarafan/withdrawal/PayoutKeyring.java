package app.sarafan.withdrawal;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The AES-256 keys payout details may be sealed with, by key id, and the current one new details are sealed with.
 * The key of {@code sarafan.withdrawals.payout-details-key} has the id {@code default} (the only key before key ids
 * were stored). A refusal names the setting and the key id, never a key.
 */
final class PayoutKeyring {

    static final String DEFAULT_ID = "default";
    static final String LEGACY_PROPERTY = "sarafan.withdrawals.payout-details-key";
    static final String KEYRING_PROPERTY = "sarafan.withdrawals.payout-keys.keyring";
    static final String CURRENT_PROPERTY = "sarafan.withdrawals.payout-keys.current";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final String current;

    private PayoutKeyring(Map<String, SecretKey> keys, String current) {
        this.keys = Collections.unmodifiableMap(keys);
        this.current = current;
    }

    static PayoutKeyring of(WithdrawalConfig config) {
        return of(config.payoutDetailsKey(), config.payoutKeys().keyring().orElse(List.of()),
                config.payoutKeys().current());
    }

    /** Refuses (ConfigurationException: Quarkus prints its message alone) a malformed or incomplete keyring. */
    static PayoutKeyring of(Optional<String> defaultKey, List<String> keyring, Optional<String> current) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        defaultKey.filter(k -> !k.isBlank()).ifPresent(k -> keys.put(DEFAULT_ID, aes(k, LEGACY_PROPERTY)));
        for (String entry : keyring) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new ConfigurationException(KEYRING_PROPERTY + " holds an entry that is not <key id>:<base64 key>"
                        + " with a key id of 1 to 32 letters, digits, _ or -");
            }
            if (keys.containsKey(id)) {
                throw new ConfigurationException("Payout key id '" + id + "' is given twice (" + KEYRING_PROPERTY
                        + (DEFAULT_ID.equals(id) ? ", " + LEGACY_PROPERTY : "") + ")");
            }
            keys.put(id, aes(entry.substring(colon + 1), KEYRING_PROPERTY + " (key id '" + id + "')"));
        }
        String currentId = current.map(String::trim).filter(c -> !c.isEmpty()).orElse(DEFAULT_ID);
        if (!keys.containsKey(currentId)) {
            throw new ConfigurationException(keys.isEmpty()
                    ? "No payout details key is configured: set " + LEGACY_PROPERTY + " or " + KEYRING_PROPERTY
                    : "The current payout key id '" + currentId + "' (" + CURRENT_PROPERTY + ") is not in the keyring;"
                            + " the keyring holds " + keys.keySet());
        }
        return new PayoutKeyring(keys, currentId);
    }

    String currentId() {
        return current;
    }

    SecretKey current() {
        return keys.get(current);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    Set<String> ids() {
        return keys.keySet();
    }

    private static SecretKey aes(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + " is not base64");
        }
        if (bytes.length != 32) {
            throw new ConfigurationException(where + " must be 32 bytes (AES-256), base64; it is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
