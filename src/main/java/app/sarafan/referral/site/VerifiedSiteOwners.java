package app.sarafan.referral.site;

import java.util.OptionalLong;

import app.sarafan.referral.SiteOwners;
import jakarta.enterprise.context.ApplicationScoped;

/** Visits and bindings find a Referer's owner among the verified referral sites. */
@ApplicationScoped
class VerifiedSiteOwners implements SiteOwners {

    private final ReferralSites sites;

    VerifiedSiteOwners(ReferralSites sites) {
        this.sites = sites;
    }

    @Override
    public OptionalLong ownerOf(String refererUrl) {
        return sites.verifiedOwnerOf(refererUrl);
    }
}
