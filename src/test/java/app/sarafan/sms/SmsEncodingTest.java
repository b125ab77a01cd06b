package app.sarafan.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SmsEncodingTest {

    @Test
    void gsmTextUpTo160CharactersIsOneLatin1Message() {
        SmsEncoding.Encoded one = SmsEncoding.of("x".repeat(160), 7);
        assertEquals(SmsEncoding.LATIN_1, one.dataCoding());
        assertFalse(one.udh());
        assertEquals(1, one.parts().size());
        assertEquals(160, one.parts().get(0).length);
    }

    @Test
    void longerGsmTextIsSplitInto153CharacterPartsWithAConcatenationHeader() {
        SmsEncoding.Encoded split = SmsEncoding.of("y".repeat(161), 0x1A7);
        assertTrue(split.udh());
        assertEquals(2, split.parts().size());
        assertArrayEquals(new byte[] {5, 0, 3, (byte) 0xA7, 2, 1}, Arrays.copyOf(split.parts().get(0), 6));
        assertEquals(6 + 153, split.parts().get(0).length);
        assertArrayEquals(new byte[] {5, 0, 3, (byte) 0xA7, 2, 2}, Arrays.copyOf(split.parts().get(1), 6));
        assertEquals(6 + 8, split.parts().get(1).length);
    }

    @Test
    void cyrillicAndGsmEscapesGoAsUcs2With70And67CharacterParts() {
        SmsEncoding.Encoded russian = SmsEncoding.of("Вам начислено 100.00 бонусов", 1);
        assertEquals(SmsEncoding.UCS2, russian.dataCoding());
        assertEquals("Вам начислено 100.00 бонусов", new String(russian.parts().get(0), StandardCharsets.UTF_16BE));
        assertEquals(SmsEncoding.UCS2, SmsEncoding.of("5 €", 1).dataCoding(), "€ is a GSM escape");
        assertEquals(1, SmsEncoding.of("б".repeat(70), 1).parts().size());
        SmsEncoding.Encoded split = SmsEncoding.of("б".repeat(71), 1);
        assertEquals(2, split.parts().size());
        assertEquals(6 + 67 * 2, split.parts().get(0).length);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInTwo() {
        String text = "б".repeat(66) + "😀" + "б".repeat(10);
        SmsEncoding.Encoded split = SmsEncoding.of(text, 1);
        String first = new String(split.parts().get(0), 6, split.parts().get(0).length - 6, StandardCharsets.UTF_16BE);
        assertEquals("б".repeat(66), first);
        String second = new String(split.parts().get(1), 6, split.parts().get(1).length - 6, StandardCharsets.UTF_16BE);
        assertEquals("😀" + "б".repeat(10), second);
    }
}
