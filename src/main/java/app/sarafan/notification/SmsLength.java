package app.sarafan.notification;

/**
 * How long an SMS is on the air: GSM-7 (160 characters in one message, 153 per part of a longer one; the
 * characters of the extension table, such as {@code €} or {@code [}, count twice) when every character is in the
 * GSM 03.38 alphabet, else UCS-2 (70, or 67 per part; a character outside the BMP counts twice). Cyrillic is
 * UCS-2.
 */
public record SmsLength(int characters, int segments, String encoding) {

    /** The most parts a template may need for its sample data (checked when it is saved). */
    static final int MAX_SEGMENTS = 2;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    static SmsLength of(String text) {
        int gsm = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsm++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsm += 2;
            } else {
                return of(text.length(), 70, 67, "UCS2");
            }
        }
        return of(gsm, 160, 153, "GSM7");
    }

    private static SmsLength of(int characters, int single, int part, String encoding) {
        int segments = characters <= single ? 1 : (characters + part - 1) / part;
        return new SmsLength(characters, segments, encoding);
    }
}
