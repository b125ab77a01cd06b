package app.sarafan.sms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** An enabled SMPP channel checks its account at start, without ever writing the password. */
class SmppAccountCheckTest {

    private static SmsConfig config(Map<String, Object> smpp) {
        SmsConfig.Smpp account = (SmsConfig.Smpp) Proxy.newProxyInstance(SmsConfig.class.getClassLoader(),
                new Class<?>[] {SmsConfig.Smpp.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "port" -> 2775;
                    case "bindType" -> SmsConfig.BindMode.TRANSCEIVER;
                    case "responseTimeout", "enquireLinkEvery" -> Duration.ofSeconds(10);
                    default -> Optional.ofNullable(smpp.get(method.getName()));
                });
        return (SmsConfig) Proxy.newProxyInstance(SmsConfig.class.getClassLoader(), new Class<?>[] {SmsConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "transport" -> SmsConfig.Transport.SMPP;
                    case "smpp" -> account;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> account() {
        Map<String, Object> smpp = new HashMap<>();
        smpp.put("host", "smpp.aggregator.example");
        smpp.put("systemId", "shop");
        smpp.put("password", "s3cr3t!");
        smpp.put("sourceAddress", "ShopBonus");
        return smpp;
    }

    private static void check(Map<String, Object> smpp) {
        new SmppGateway(config(smpp), null).check(null);
    }

    @Test
    void aCompleteAccountPasses() {
        assertDoesNotThrow(() -> check(account()));
        Map<String, Object> numeric = account();
        numeric.put("sourceAddress", "+79001234567");
        numeric.remove("password");
        assertDoesNotThrow(() -> check(numeric), "a numeric sender, no password");
    }

    @Test
    void missingKeysAreNamed() {
        Map<String, Object> smpp = account();
        smpp.remove("host");
        smpp.remove("sourceAddress");
        assertEquals("sarafan.sms.enabled=true needs sarafan.sms.smpp.host, sarafan.sms.smpp.source-address",
                assertThrows(IllegalStateException.class, () -> check(smpp)).getMessage());
    }

    @Test
    void fieldsLongerThanSmppAllowsAreRefusedWithoutTheirValue() {
        Map<String, Object> smpp = account();
        smpp.put("password", "much-too-long-secret");
        smpp.put("sourceAddress", "TwelveLetter");
        String message = assertThrows(IllegalStateException.class, () -> check(smpp)).getMessage();
        assertEquals("SMPP 3.4 allows at most: sarafan.sms.smpp.password 8 characters (it has 20),"
                + " sarafan.sms.smpp.source-address 11 characters (it has 12)", message);
        assertFalse(message.contains("much-too-long-secret"));
    }
}
