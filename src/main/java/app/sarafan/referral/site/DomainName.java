package app.sarafan.referral.site;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import app.sarafan.common.error.ProblemException;

/**
 * A host name as sites are stored and matched: ASCII (IDN in punycode), lower case, without a trailing dot.
 * Only names a public website can have: at least two labels and a top-level label that starts with a letter,
 * which also keeps out IP literals in every spelling a resolver might accept (127.1, 0x7f.1, 2130706433).
 */
final class DomainName {

    static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NOT_A_BARE_NAME = Pattern.compile("[\\s/\\\\?#@:\\[\\]]");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");
    private static final String WWW = "www.";

    private DomainName() {
    }

    /** The normalized form of what a member typed, or a 400 naming the field {@code domain}. */
    static String normalize(String input) {
        String name = input.strip();
        if (SCHEME.matcher(name).find() || NOT_A_BARE_NAME.matcher(name).find()) {
            throw invalid("must be a bare domain name such as sport-blog.example.ru, without scheme, path or port");
        }
        if (looksLikeAnIpAddress(name)) {
            throw invalid("must be a domain name, not an IP address");
        }
        return parse(name).orElseThrow(() -> invalid("must be a domain name such as sport-blog.example.ru"));
    }

    /** The host of a Referer URL or a bare host, normalized; empty when it holds none a site could have. */
    static Optional<String> hostOf(String refererUrlOrHost) {
        if (refererUrlOrHost == null) {
            return Optional.empty();
        }
        String host = SCHEME.matcher(refererUrlOrHost.strip()).replaceFirst("//");
        host = host.startsWith("//") ? host.substring(2) : host;
        host = host.split("[/?#\\\\]", 2)[0];
        host = host.substring(host.lastIndexOf('@') + 1);
        host = host.replaceFirst(":[0-9]*$", "");
        if (host.isEmpty() || NOT_A_BARE_NAME.matcher(host).find() || looksLikeAnIpAddress(host)) {
            return Optional.empty();
        }
        return parse(host);
    }

    /**
     * The key two spellings of one site share: {@code www.example.com} and {@code example.com} are one site
     * for attribution and for "verified by one member at a time".
     */
    static String matchKey(String domain) {
        String bare = domain.startsWith(WWW) ? domain.substring(WWW.length()) : domain;
        return bare.contains(".") ? bare : domain;
    }

    private static boolean looksLikeAnIpAddress(String name) {
        String withoutRootDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String lastLabel = withoutRootDot.substring(withoutRootDot.lastIndexOf('.') + 1);
        return !lastLabel.isEmpty() && Character.isDigit(lastLabel.charAt(0));
    }

    private static Optional<String> parse(String name) {
        String withoutRootDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String ascii;
        try {
            ascii = IDN.toASCII(withoutRootDot, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || !Character.isLetter(labels[labels.length - 1].charAt(0))) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }

    private static ProblemException invalid(String message) {
        return ProblemException.invalid("domain", message);
    }
}
