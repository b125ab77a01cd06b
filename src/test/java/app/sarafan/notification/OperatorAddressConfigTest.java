package app.sarafan.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * The operator address as deployments set it: compose passes {@code SARAFAN_NOTIFICATIONS_OPERATOR_EMAIL=} (empty)
 * when it is not configured, and that must mean "no operator mail", not an address to check or send to.
 */
class OperatorAddressConfigTest {

    private static NotificationConfig with(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NotificationConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(NotificationConfig.class);
    }

    @Test
    void anEmptyOrMissingAddressMeansNoOperatorMail() {
        assertEquals(Optional.empty(), with(Map.of("sarafan.notifications.operator-email", "")).operatorEmail());
        assertEquals(Optional.empty(), with(Map.of()).operatorEmail());
        assertEquals(Optional.of("ops@shop.example"),
                with(Map.of("sarafan.notifications.operator-email", "ops@shop.example")).operatorEmail());
        assertEquals("en", with(Map.of()).operatorLocale());
    }

    @Test
    void onlyOnePlainAddressIsAccepted() {
        assertTrue(OperatorAlerts.isAddress("ops@shop.example"));
        assertTrue(OperatorAlerts.isAddress("ops+sarafan@mail.shop.example"));
        for (String wrong : new String[] {"ops", "ops@shop", "ops@@shop.example", "Ops <ops@shop.example>",
                "a@shop.example,b@shop.example", "ops @shop.example"}) {
            assertFalse(OperatorAlerts.isAddress(wrong), wrong);
        }
    }
}
