package app.sarafan.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReferralCodesTest {

    @Test
    void codesUseNoLookAlikeCharactersAndAreRandom() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = ReferralCodes.random(8);
            assertTrue(code.matches("[2-9A-HJKMNP-Z]{8}"), code);
            seen.add(code);
        }
        assertEquals(10_000, seen.size());
    }

    @Test
    void typedCodesAreComparedCaseInsensitively() {
        assertEquals("AB23CD45", ReferralCodes.normalize(" ab23cd45 "));
        assertNull(ReferralCodes.normalize("  "));
    }
}
