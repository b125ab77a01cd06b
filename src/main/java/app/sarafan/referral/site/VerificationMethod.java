package app.sarafan.referral.site;

/** Where the token was found. */
public enum VerificationMethod {
    WELL_KNOWN_FILE, META_TAG
}
