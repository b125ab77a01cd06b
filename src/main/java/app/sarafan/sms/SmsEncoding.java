package app.sarafan.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text goes over SMPP: its data coding and its short messages. A text made only of characters of the GSM
 * 7-bit default alphabet that Latin-1 also has is sent as Latin-1 (data_coding 3; the SMSC writes it as GSM
 * septets: 160 characters per message); any other text (Cyrillic, emoji, GSM extension characters) as UCS2
 * (data_coding 8, UTF-16BE: 70 per message). A longer text is split into concatenated parts, each with a
 * user data header (esm_class UDHI) naming the reference, the count and its place (153 or 67 characters per part),
 * which every handset and SMSC understands; message_payload is optional in SMPP 3.4 and not offered everywhere.
 */
final class SmsEncoding {

    static final byte LATIN_1 = 0x03;
    static final byte UCS2 = 0x08;

    /** GSM 03.38's default alphabet, less the letters Latin-1 lacks (Greek); escapes (€, [, ]...) are UCS2. */
    private static final String GSM_IN_LATIN_1 = "@£$¥èéùìòÇ\nØø\rÅå_ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** {@code udh}: the parts start with a concatenation header. */
    record Encoded(byte dataCoding, boolean udh, List<byte[]> parts) {
    }

    private SmsEncoding() {
    }

    /** {@code reference}: the same for every part of one text, different between texts (only its low byte counts). */
    static Encoded of(String text, int reference) {
        boolean latin = text.chars().allMatch(c -> GSM_IN_LATIN_1.indexOf(c) >= 0);
        int single = latin ? 160 : 70;
        int perPart = latin ? 153 : 67;
        byte coding = latin ? LATIN_1 : UCS2;
        if (text.length() <= single) {
            return new Encoded(coding, false, List.of(bytes(text, latin)));
        }
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = Math.min(start + perPart, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // a character outside the BMP stays whole in one part
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        if (chunks.size() > 255) {
            throw new IllegalArgumentException("A text of " + text.length() + " characters needs more than 255 parts");
        }
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] body = bytes(chunks.get(i), latin);
            byte[] part = new byte[6 + body.length];
            part[0] = 0x05; // header length
            part[1] = 0x00; // information element: concatenation, 8-bit reference
            part[2] = 0x03; // its length
            part[3] = (byte) reference;
            part[4] = (byte) chunks.size();
            part[5] = (byte) (i + 1);
            System.arraycopy(body, 0, part, 6, body.length);
            parts.add(part);
        }
        return new Encoded(coding, true, parts);
    }

    private static byte[] bytes(String text, boolean latin) {
        return text.getBytes(latin ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16BE);
    }
}
