package app.sarafan.notification;

import java.util.regex.Pattern;

/**
 * The HTML of an email written from its plain text template: each paragraph (text between blank lines) a
 * {@code <p>}, a line break inside one a {@code <br>}, the literal text HTML-escaped and the Qute tags kept as they
 * are. The values the tags print are escaped when the HTML is rendered (it is parsed as {@code text/html}), so a
 * member's name or a rule's description can never add markup. Used for the shipped defaults, and for a saved
 * template that brings no HTML of its own.
 */
final class HtmlFromText {

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");

    private HtmlFromText() {
    }

    static String of(String text, String language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language)
                .append("\">\n<body>\n");
        for (String paragraph : PARAGRAPHS.split(text.strip())) {
            if (!paragraph.isBlank()) {
                html.append("<p>");
                paragraph(paragraph.strip(), html);
                html.append("</p>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void paragraph(String text, StringBuilder html) {
        int i = 0;
        while (i < text.length()) {
            int end = tagEnd(text, i);
            if (end > 0) {
                html.append(text, i, end);
                i = end;
                continue;
            }
            char c = text.charAt(i);
            if (c == '\n') {
                // A break only before more to read: not before the section tags that end the paragraph.
                html.append(literalFollows(text, i + 1) ? "<br>\n" : "\n");
            } else {
                escape(c, html);
            }
            i++;
        }
    }

    /** Past the end of the Qute tag starting at {@code i} ({@code {amount}}, {@code {#if a == 'b'}}), or -1. */
    private static int tagEnd(String text, int i) {
        if (text.charAt(i) != '{' || i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1))) {
            return -1;
        }
        char quote = 0;
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return j + 1;
            } else if (c == '{' || c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean literalFollows(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int end = tagEnd(text, i);
            if (end > 0 && "#/!".indexOf(text.charAt(i + 1)) < 0) {
                return true;
            } else if (end > 0) {
                i = end;
            } else if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else {
                return true;
            }
        }
        return false;
    }

    private static void escape(char c, StringBuilder html) {
        switch (c) {
            case '&' -> html.append("&amp;");
            case '<' -> html.append("&lt;");
            case '>' -> html.append("&gt;");
            case '"' -> html.append("&quot;");
            default -> html.append(c);
        }
    }
}
