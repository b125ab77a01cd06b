package app.sarafan.referral.site;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What other features ask of referral sites: whose verified site a visitor came from. */
@ApplicationScoped
public class ReferralSites {

    /**
     * The id of the member whose VERIFIED site has the host of this Referer URL (or bare host), if any.
     * Case-insensitive, IDN in either form; {@code www.example.com} and {@code example.com} are the same site;
     * other subdomains are not. Anything without a usable host (null, garbage, an IP literal) is empty.
     */
    @Transactional
    public OptionalLong verifiedOwnerOf(String refererUrlOrHost) {
        return DomainName.hostOf(refererUrlOrHost)
                .map(DomainName::matchKey)
                .flatMap(ReferralSite::verifiedFor)
                .map(site -> OptionalLong.of(site.memberId))
                .orElse(OptionalLong.empty());
    }
}
