package app.sarafan.withdrawal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * AES-256-GCM for payout details at rest: a random 96-bit nonce per value, the withdrawal's member bound in as
 * associated data (a value copied to another member's row does not decrypt). Stored as {@code v2:<key id>:base64(nonce
 * ‖ ciphertext ‖ tag)}, sealed with the keyring's current key; values stored before key ids ({@code v1:base64(...)})
 * were sealed with the key whose id is {@code default} and still decrypt with it.
 */
@ApplicationScoped
class PayoutDetailsCipher {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A sealed value and the id of the key that sealed it (kept in its own column for the start-up check). */
    record Sealed(String keyId, String stored) {
    }

    private final PayoutKeyring keyring;
    private final SecureRandom random = new SecureRandom();

    @Inject
    PayoutDetailsCipher(WithdrawalConfig config) {
        this(PayoutKeyring.of(config));
    }

    PayoutDetailsCipher(PayoutKeyring keyring) {
        this.keyring = keyring;
    }

    PayoutKeyring keyring() {
        return keyring;
    }

    Sealed encrypt(String plain, long memberId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyring.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(memberId));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, nonce.length);
            System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
            return new Sealed(keyring.currentId(),
                    V2 + keyring.currentId() + ":" + Base64.getEncoder().encodeToString(stored));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt payout details", e);
        }
    }

    String decrypt(String stored, long memberId) {
        String keyId = keyId(stored);
        SecretKey key = keyring.key(keyId).orElseThrow(() -> new IllegalStateException(
                "Payout details were sealed with key id '" + keyId + "', which this instance does not hold"));
        try {
            String payload = stored.startsWith(V1) ? stored.substring(V1.length())
                    : stored.substring(V2.length() + keyId.length() + 1);
            byte[] bytes = Base64.getDecoder().decode(payload);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(memberId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt payout details sealed with key id '" + keyId
                    + "' (another key under the same id?)", e);
        }
    }

    /** The id of the key a stored value was sealed with. */
    static String keyId(String stored) {
        if (stored.startsWith(V1)) {
            return PayoutKeyring.DEFAULT_ID;
        }
        int end = stored.startsWith(V2) ? stored.indexOf(':', V2.length()) : -1;
        if (end < 0) {
            throw new IllegalStateException("Stored payout details are in no known format");
        }
        return stored.substring(V2.length(), end);
    }

    private static byte[] aad(long memberId) {
        return ("sarafan-withdrawal-member:" + memberId).getBytes(StandardCharsets.UTF_8);
    }
}
