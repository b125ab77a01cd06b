package app.sarafan.withdrawal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * AES-256-GCM for payout details at rest: a random 96-bit nonce per value, the withdrawal's member bound in as
 * associated data (a value copied to another member's row does not decrypt). Stored as {@code v1:base64(nonce ‖
 * ciphertext ‖ tag)}, so a later key or algorithm can be told apart.
 */
@ApplicationScoped
class PayoutDetailsCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    PayoutDetailsCipher(WithdrawalConfig config) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(config.payoutDetailsKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sarafan.withdrawals.payout-details-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("sarafan.withdrawals.payout-details-key must be 32 bytes (AES-256), base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String encrypt(String plain, long memberId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(memberId));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, nonce.length);
            System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt payout details", e);
        }
    }

    String decrypt(String stored, long memberId) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(memberId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt payout details (wrong key?)", e);
        }
    }

    private static byte[] aad(long memberId) {
        return ("sarafan-withdrawal-member:" + memberId).getBytes(StandardCharsets.UTF_8);
    }
}
