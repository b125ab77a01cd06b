package app.sarafan.common.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes one component of a request target (a path segment, a query name or value) strictly: a malformed
 * escape, bytes that are not UTF-8 (including encoded surrogates and over-long forms) or a control character make
 * it "not text". The framework's own decoding replaces bad bytes with U+FFFD and lets NUL through, which the
 * database then refuses; identifiers and filters are text, so anything else is the caller's mistake.
 */
public final class RequestText {

    /** Why a component is not text; the message is written for the caller. */
    public static final class NotText extends Exception {
        NotText(String message) {
            super(message, null, false, false);
        }
    }

    private RequestText() {
    }

    /** The decoded text of a path segment ({@code +} is a plus). */
    public static String pathSegment(String raw) throws NotText {
        return decode(raw, false);
    }

    /** The decoded text of a query name or value ({@code +} is a space, as in forms). */
    public static String queryComponent(String raw) throws NotText {
        return decode(raw, true);
    }

    static String decode(String raw, boolean plusIsSpace) throws NotText {
        if (plainAscii(raw, plusIsSpace)) {
            return checked(raw);
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw new NotText("has a '%' that is not followed by two hexadecimal digits");
                }
                bytes.put((byte) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2))));
                i += 2;
            } else if (plusIsSpace && c == '+') {
                bytes.put((byte) ' ');
            } else {
                // Vert.x hands the target over as ISO-8859-1: a raw non-ASCII byte arrives as one char per byte.
                bytes.put(c < 0x100 ? (byte) c : (byte) '?');
            }
        }
        bytes.flip();
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            throw new NotText("is not UTF-8 text");
        }
        return checked(text.toString());
    }

    private static String checked(String text) throws NotText {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new NotText("must not contain control characters (found U+%04X)".formatted((int) c));
            }
        }
        return text;
    }

    private static boolean plainAscii(String raw, boolean plusIsSpace) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c >= 0x80 || (plusIsSpace && c == '+')) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /**
     * A path as it can be echoed in a problem's {@code instance} (a URI reference): what is not allowed unencoded
     * in a URI is percent-encoded; chars from U+0080 to U+00FF stand for the raw bytes Vert.x read as ISO-8859-1,
     * and anything above is encoded as UTF-8.
     */
    public static String asUriReference(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c > 0x20 && c < 0x7F && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append(c);
            } else if (c < 0x100) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** Length as JSON Schema's maxLength counts it: in code points. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
