package app.sarafan.referral.site;

/** PENDING until the first check; then VERIFIED or FAILED by the last check. */
public enum SiteStatus {
    PENDING, VERIFIED, FAILED
}
