package app.sarafan.withdrawal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Key rotation of payout details, as plain units: the keyring from its settings, the cipher, the start-up check. */
class PayoutKeyRotationTest {

    private static final String K1 = randomKey();
    private static final String K2 = randomKey();
    private static final long MEMBER = 42;

    @Test
    void detailsWrittenUnderK1StillDecryptOnceK2IsCurrentAndNewOnesAreWrittenUnderK2() {
        PayoutDetailsCipher before = new PayoutDetailsCipher(
                PayoutKeyring.of(Optional.empty(), List.of("k1:" + K1), Optional.of("k1")));
        PayoutDetailsCipher.Sealed old = before.encrypt("4111111111111111", MEMBER);
        assertEquals("k1", old.keyId());
        assertTrue(old.stored().startsWith("v2:k1:"), old.stored());
        assertFalse(old.stored().contains("4111"));

        PayoutDetailsCipher after = new PayoutDetailsCipher(
                PayoutKeyring.of(Optional.empty(), List.of("k1:" + K1, "k2:" + K2), Optional.of("k2")));
        assertEquals("4111111111111111", after.decrypt(old.stored(), MEMBER));
        PayoutDetailsCipher.Sealed fresh = after.encrypt("+79161234567", MEMBER);
        assertEquals("k2", fresh.keyId());
        assertTrue(fresh.stored().startsWith("v2:k2:"), fresh.stored());
        assertEquals("+79161234567", after.decrypt(fresh.stored(), MEMBER));

        // An instance that was never given k2 cannot read it, and says which key id it lacks.
        IllegalStateException lacking = assertThrows(IllegalStateException.class,
                () -> before.decrypt(fresh.stored(), MEMBER));
        assertTrue(lacking.getMessage().contains("'k2'"), lacking.getMessage());
    }

    @Test
    void legacyV1ValuesDecryptWithTheDefaultKey() throws Exception {
        String v1 = legacyV1(K1, "DE89370400440532013000", MEMBER);
        PayoutDetailsCipher cipher = new PayoutDetailsCipher(
                PayoutKeyring.of(Optional.of(K1), List.of("k2:" + K2), Optional.of("k2")));
        assertEquals("default", PayoutDetailsCipher.keyId(v1));
        assertEquals("DE89370400440532013000", cipher.decrypt(v1, MEMBER));
        assertEquals("k2", cipher.encrypt("x1234567", MEMBER).keyId());

        PayoutDetailsCipher defaultOnly = new PayoutDetailsCipher(
                PayoutKeyring.of(Optional.of(K1), List.of(), Optional.empty()));
        PayoutDetailsCipher.Sealed sealed = defaultOnly.encrypt("x1234567", MEMBER);
        assertEquals("default", sealed.keyId());
        assertTrue(sealed.stored().startsWith("v2:default:"));
    }

    @Test
    void aValueCopiedToAnotherMemberDoesNotDecrypt() {
        PayoutDetailsCipher cipher = new PayoutDetailsCipher(
                PayoutKeyring.of(Optional.of(K1), List.of(), Optional.empty()));
        String stored = cipher.encrypt("4111111111111111", MEMBER).stored();
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, MEMBER + 1));
    }

    @Test
    void aMalformedOrIncompleteKeyringIsRefusedNamingTheSettingNeverTheKey() {
        String notInRing = refusal(Optional.empty(), List.of("k1:" + K1), Optional.of("k2")).getMessage();
        assertTrue(notInRing.contains("'k2'") && notInRing.contains("sarafan.withdrawals.payout-keys.current"),
                notInRing);
        assertFalse(notInRing.contains(K1));
        assertTrue(refusal(Optional.empty(), List.of(), Optional.empty()).getMessage()
                .contains("No payout details key is configured"));
        assertTrue(refusal(Optional.empty(), List.of(K1), Optional.empty()).getMessage().contains("<key id>:"));
        assertTrue(refusal(Optional.empty(), List.of("k1:" + Base64.getEncoder().encodeToString(new byte[16])),
                Optional.of("k1")).getMessage().contains("32 bytes"));
        assertTrue(refusal(Optional.of(K1), List.of("default:" + K2), Optional.empty()).getMessage()
                .contains("given twice"));
        String notBase64 = refusal(Optional.empty(), List.of("k1:not*base64"), Optional.of("k1")).getMessage();
        assertTrue(notBase64.contains("'k1'") && notBase64.contains("not base64"), notBase64);
    }

    @Test
    void theStartUpCheckRefusesStoredKeyIdsTheKeyringDoesNotHoldNamingThem() {
        PayoutKeyCheck.refuseUnknown(List.of("default", "k1"), Set.of("default", "k1", "k2"));
        PayoutKeyCheck.refuseUnknown(List.of(), Set.of("k2"));

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> PayoutKeyCheck.refuseUnknown(List.of("k1", "k2"), Set.of("k2")));
        assertTrue(refused.getMessage().contains("payout key id 'k1'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SARAFAN_WITHDRAWALS_PAYOUT_KEYS_KEYRING"), refused.getMessage());
        assertFalse(refused.getMessage().contains("'k2',"), refused.getMessage());

        ConfigurationException legacy = assertThrows(ConfigurationException.class,
                () -> PayoutKeyCheck.refuseUnknown(List.of("default"), Set.of("k2")));
        assertTrue(legacy.getMessage().contains("SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY"), legacy.getMessage());
    }

    private static ConfigurationException refusal(Optional<String> defaultKey, List<String> keyring,
            Optional<String> current) {
        return assertThrows(ConfigurationException.class, () -> PayoutKeyring.of(defaultKey, keyring, current));
    }

    /** A value as the cipher wrote it before key ids: v1:base64(nonce ‖ ciphertext ‖ tag). */
    private static String legacyV1(String key, String plain, long member) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("sarafan-withdrawal-member:" + member).getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, nonce.length);
        System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
        return "v1:" + Base64.getEncoder().encodeToString(stored);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
