package app.sarafan.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Code patterns: what they accept, how many codes they allow, and that a generated code fits its pattern. */
class CodePatternTest {

    @Test
    void placeholdersBecomeDigitsAndLettersAndTheRestStaysAsWritten() {
        String code = CodePattern.generate("GIFT-####-????", new Random(7));
        assertTrue(code.matches("GIFT-[0-9]{4}-[A-Z]{4}"), code);
    }

    @Test
    void aPatternMustAllowEnoughCodesAndUseOnlyItsAlphabet() {
        assertNull(CodePattern.problem("GIFT-####-????"));
        assertNull(CodePattern.problem(CodePattern.DEFAULT));
        assertNull(CodePattern.problem("####-??"));
        assertEquals("must allow at least 6760000 different codes (for example ####-??)",
                CodePattern.problem("####-?"));
        assertEquals("may contain only capital letters, digits, '-', '#' (a random digit) and '?' (a random letter)",
                CodePattern.problem("gift-####-????"));
        assertEquals("must be 1 to 64 characters", CodePattern.problem("#".repeat(65)));
        assertEquals(BigInteger.valueOf(10_000L * 26 * 26 * 26 * 26), CodePattern.combinations("GIFT-####-????"));
    }

    @Property(tries = 200)
    void everyGeneratedCodeFitsItsPattern(@ForAll @IntRange(min = 0, max = 10) int digits,
            @ForAll @IntRange(min = 0, max = 10) int letters, @ForAll long seed) {
        String pattern = "R-" + "#".repeat(digits) + "-" + "?".repeat(letters);
        String code = CodePattern.generate(pattern, new Random(seed));
        assertTrue(code.matches("R-[0-9]{" + digits + "}-[A-Z]{" + letters + "}"), pattern + " gave " + code);
    }
}
