package app.sarafan.referral;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Finds the member a code, a coupon, a landing URL's code parameter or a Referer URL points to. */
@ApplicationScoped
class ReferrerLookup {

    private final SiteOwners sites;
    private final ReferralConfig config;

    ReferrerLookup(SiteOwners sites, ReferralConfig config) {
        this.sites = sites;
        this.config = config;
    }

    Optional<Referrer> byCode(String code) {
        return ReferralProfile.byCode(code).map(p -> new Referrer(p.memberId, BindingChannel.LINK, p.code));
    }

    /** Only an active coupon refers; a deactivated one is still known but binds nobody. */
    Optional<Referrer> byCoupon(String code) {
        return Coupon.byCode(code).filter(c -> c.active)
                .map(c -> new Referrer(c.memberId, BindingChannel.COUPON, c.code));
    }

    Optional<Referrer> byLandingUrl(String landingUrl) {
        return queryParameter(landingUrl, config.linkParameter()).flatMap(this::byCode);
    }

    Optional<Referrer> byReferer(String refererUrl) {
        if (refererUrl == null || refererUrl.isBlank()) {
            return Optional.empty();
        }
        var owner = sites.ownerOf(refererUrl);
        return owner.isPresent()
                ? Optional.of(new Referrer(owner.getAsLong(), BindingChannel.SITE, hostOf(refererUrl)))
                : Optional.empty();
    }

    private static Optional<String> queryParameter(String url, String name) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            String query = new URI(url.trim()).getRawQuery();
            if (query == null) {
                return Optional.empty();
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String hostOf(String url) {
        try {
            String host = new URI(url.trim()).getHost();
            return host == null ? url : host;
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
