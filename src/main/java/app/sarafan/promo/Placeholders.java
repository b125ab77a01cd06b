package app.sarafan.promo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The placeholders a promo text may hold, checked when an administrator saves it and filled in per member. */
final class Placeholders {

    static final List<String> KNOWN = List.of("link", "code", "name");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]*)}");

    private Placeholders() {
    }

    /** The placeholders in {@code text} that are not known, in order of appearance. */
    static List<String> unknown(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
