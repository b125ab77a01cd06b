package app.sarafan.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file as a plain unit: what a restart reads back, when it is consulted, and production's rule. */
class CredentialsFileTest {

    @Test
    void aSecondLoadOfTheSameFileGivesTheSameKeyPairAndKeys(@TempDir Path dir) {
        Path file = dir.resolve("dev/credentials.properties");
        Map<String, String> first = CredentialsConfigSourceFactory.loadOrCreate(file);
        assertTrue(Files.exists(file));
        Map<String, String> second = CredentialsConfigSourceFactory.loadOrCreate(file);
        assertEquals(first.get("member-token-public-key"), second.get("member-token-public-key"));
        assertEquals(first.get("member-token-private-key"), second.get("member-token-private-key"));
        assertEquals(first, second, "nothing is regenerated on a restart");
        assertEquals(CredentialsInProduction.VARIABLES.keySet().stream().sorted().toList(),
                first.keySet().stream().sorted().toList(), "every credential is in the file");
    }

    @Test
    void devModeSuppliesTheFilesKeysWhileBuildingSoThatSmallryeJwtKeepsNoKeyPairOfItsOwn() {
        assertTrue(CredentialsConfigSourceFactory.active(ExecutionMode.UNSET, List.of("dev")));
        assertFalse(CredentialsConfigSourceFactory.active(ExecutionMode.UNSET, List.of("prod")),
                "a packaged jar never carries generated secrets");
        assertTrue(CredentialsConfigSourceFactory.active(ExecutionMode.RUNTIME_INIT, List.of("prod")));
    }

    @Test
    void productionRefusesCredentialsFromTheFileUnlessTheSingleInstanceSwitchIsSet() {
        Optional<String> refused = CredentialsInProduction.refusal(List.of("payout-details-key",
                "member-token-private-key"), true, false);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY"), refused.get());
        assertTrue(refused.get().contains("SMALLRYE_JWT_SIGN_KEY"), refused.get());
        assertTrue(refused.get().contains("SARAFAN_CREDENTIALS_GENERATE_IN_PRODUCTION=true"), refused.get());
        assertEquals(Optional.empty(), CredentialsInProduction.refusal(List.of("payout-details-key"), true, true));
        assertEquals(Optional.empty(), CredentialsInProduction.refusal(List.of("payout-details-key"), false, false));
        assertEquals(Optional.empty(), CredentialsInProduction.refusal(List.of(), true, false));
    }
}
