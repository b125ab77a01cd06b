package app.sarafan.referral;

import java.util.OptionalLong;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Until a referral sites feature provides {@link SiteOwners}, no Referer is attributed. */
@DefaultBean
@ApplicationScoped
class NoVerifiedSites implements SiteOwners {

    @Override
    public OptionalLong ownerOf(String refererUrl) {
        return OptionalLong.empty();
    }
}
