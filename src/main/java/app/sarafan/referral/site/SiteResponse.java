package app.sarafan.referral.site;

/**
 * What a site answered: the status, the redirect target if any, and at most the configured number of body
 * bytes ({@code truncated} when there was more).
 */
record SiteResponse(int status, String location, byte[] body, boolean truncated) {

    boolean isRedirect() {
        return location != null && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
    }
}
