package app.sarafan.referral.site;

import java.util.List;

/** A member's sites, newest first; never paged, since a member has at most the configured number. */
public record SiteList<T>(List<T> items) {
}
