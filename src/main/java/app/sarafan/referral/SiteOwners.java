package app.sarafan.referral;

import java.util.OptionalLong;

/** Whose verified website a Referer URL belongs to (the referral sites feature answers). */
public interface SiteOwners {

    OptionalLong ownerOf(String refererUrl);
}
