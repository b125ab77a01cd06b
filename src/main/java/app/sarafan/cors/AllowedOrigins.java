package app.sarafan.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The configured origins, in the form a browser sends them in {@code Origin} (lower-case scheme and host, no
 * default port, nothing after the authority), so that a request's origin is allowed by an exact comparison. An
 * entry that is not such an origin stops the start: a typo would otherwise lock a shop's frontend out, or a
 * {@code *} open the member API to every page on the web.
 */
final class AllowedOrigins {

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    static AllowedOrigins of(Collection<String> configured) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : configured) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                origins.add(canonical(trimmed));
            }
        }
        return new AllowedOrigins(origins);
    }

    boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    boolean isEmpty() {
        return origins.isEmpty();
    }

    Set<String> asSet() {
        return origins;
    }

    /** {@code HTTPS://Shop.Example:443/} reads as {@code https://shop.example}; what cannot be an origin is refused. */
    static String canonical(String entry) {
        URI uri;
        try {
            uri = new URI(entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry);
        } catch (URISyntaxException e) {
            throw invalid(entry, "it is not a URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw invalid(entry, "an origin starts with https:// or http:// (no wildcards, no \"null\")");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(entry, "an origin names a host, without user information");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(entry, "an origin has no path, query or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("sarafan.cors.origins: '" + entry + "' is not an origin such as"
                + " https://shop.example or http://localhost:3000: " + why);
    }
}
