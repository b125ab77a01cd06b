package app.sarafan.referral.site;

/**
 * Why a site check did not find the token, most telling first: when the file and the home page fail for
 * different reasons, the member is told the one earlier in this list.
 */
public enum CheckFailure {
    /** The domain resolves to a loopback, private, link-local or otherwise internal address. */
    ADDRESS_NOT_ALLOWED,
    /** The domain does not resolve. */
    DOMAIN_NOT_FOUND,
    /** A redirect to another host, scheme or port, or more redirects than allowed. */
    REDIRECT_NOT_ALLOWED,
    /** The verification file is larger than allowed. */
    TOO_LARGE,
    /** The site did not answer within the time allowed. */
    TIMEOUT,
    /** No connection, no TLS with a valid certificate for the domain, or no readable HTTP answer. */
    UNREACHABLE,
    /** The site answered, but neither the file nor the home page holds the token. */
    TOKEN_NOT_FOUND
}
