package app.sarafan.referral.site;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a verification token where a member may put it. Bodies are read as ISO-8859-1, which keeps every byte:
 * tokens are ASCII, so they match whatever the page's real charset is.
 */
final class TokenSearch {

    static final String META_NAME = "sarafan-verification";
    private static final String UTF8_BOM_AS_LATIN1 = "\u00EF\u00BB\u00BF";
    private static final Pattern META_TAG = Pattern.compile("<meta(\\s[^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s=/>\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+)))?");

    private TokenSearch() {
    }

    /** Whether a line of the verification file is the token (surrounding blanks and a BOM are tolerated). */
    static boolean inFile(byte[] body, String token) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (text.startsWith(UTF8_BOM_AS_LATIN1)) {
            text = text.substring(UTF8_BOM_AS_LATIN1.length());
        }
        return text.lines().anyMatch(line -> line.strip().equals(token));
    }

    /**
     * Whether a {@code <meta name="sarafan-verification" content="TOKEN">} is on the page, in any attribute order,
     * with double, single or no quotes; the name is case-insensitive, the token is not.
     */
    static boolean inMetaTag(byte[] body, String token) {
        Matcher tag = META_TAG.matcher(new String(body, StandardCharsets.ISO_8859_1));
        while (tag.find()) {
            String name = null;
            String content = null;
            Matcher attribute = ATTRIBUTE.matcher(tag.group(1));
            while (attribute.find()) {
                String value = valueOf(attribute);
                switch (attribute.group(1).toLowerCase(Locale.ROOT)) {
                    case "name" -> name = value;
                    case "content" -> content = value;
                    default -> {
                        // other attributes do not matter
                    }
                }
            }
            if (name != null && META_NAME.equalsIgnoreCase(name.strip()) && content != null
                    && token.equals(content.strip())) {
                return true;
            }
        }
        return false;
    }

    private static String valueOf(Matcher attribute) {
        for (int group = 2; group <= 4; group++) {
            if (attribute.group(group) != null) {
                String value = attribute.group(group);
                // <meta content=TOKEN/> : an unquoted value runs into the self-closing slash.
                return group == 4 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        }
        return "";
    }
}
