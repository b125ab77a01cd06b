package app.sarafan.withdrawal;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sarafan.withdrawals")
public interface WithdrawalConfig {

    /**
     * The AES key (base64 of 32 bytes) whose key id is {@code default}: it decrypts details stored before key ids
     * ({@code v1:}) and is the current key unless {@code payout-keys.current} names another. Generated into the
     * credentials file on a start without any payout key (see CredentialsConfigSourceFactory); production
     * configures its own.
     */
    Optional<String> payoutDetailsKey();

    PayoutKeys payoutKeys();

    /**
     * Key rotation: every key that may have sealed stored details, and the one new details are sealed with. Lists
     * rather than a map so that one environment variable each carries them (SARAFAN_WITHDRAWALS_PAYOUT_KEYS_KEYRING,
     * SARAFAN_WITHDRAWALS_PAYOUT_KEYS_CURRENT).
     */
    interface PayoutKeys {

        /** The key id new payout details are sealed with; {@code default} (payout-details-key) when not set. */
        Optional<String> current();

        /** Comma-separated {@code <key id>:<base64 of 32 bytes>} entries; a key id is 1 to 32 of A-Z a-z 0-9 _ -. */
        Optional<List<String>> keyring();
    }
}
