package app.sarafan.referral.site;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks for a site's token: first in the verification file, then in a meta tag of the home page. A file larger
 * than the limit is refused; of a large home page only the first bytes are read, where the head is.
 */
@ApplicationScoped
public class OwnershipCheck {

    static final String WELL_KNOWN_PATH = "/.well-known/sarafan-verification.txt";

    private final SiteFetcher fetcher;
    private final FetchPolicy policy;

    OwnershipCheck(SiteFetcher fetcher, FetchPolicy policy) {
        this.fetcher = fetcher;
        this.policy = policy;
    }

    CheckOutcome check(String domain, String token) {
        SiteSession site;
        try {
            site = fetcher.open(domain);
        } catch (FetchFailed e) {
            return CheckOutcome.failed(e.reason(), e.getMessage());
        }
        FetchFailed file = checkFile(site, token);
        if (file == null) {
            return CheckOutcome.verified(VerificationMethod.WELL_KNOWN_FILE);
        }
        if (file.reason() == CheckFailure.UNREACHABLE || file.reason() == CheckFailure.TIMEOUT) {
            return CheckOutcome.failed(file.reason(), file.getMessage());
        }
        FetchFailed page = checkHomePage(site, token);
        if (page == null) {
            return CheckOutcome.verified(VerificationMethod.META_TAG);
        }
        CheckFailure telling = file.reason().compareTo(page.reason()) <= 0 ? file.reason() : page.reason();
        return CheckOutcome.failed(telling,
                "Verification file: " + file.getMessage() + ". Home page: " + page.getMessage() + ".");
    }

    /** Null when the file holds the token; otherwise why not. */
    private FetchFailed checkFile(SiteSession site, String token) {
        try {
            SiteResponse response = site.get(WELL_KNOWN_PATH);
            if (response.status() != 200) {
                return new FetchFailed(CheckFailure.TOKEN_NOT_FOUND, WELL_KNOWN_PATH + " answered " + response.status());
            }
            if (response.truncated()) {
                return new FetchFailed(CheckFailure.TOO_LARGE,
                        WELL_KNOWN_PATH + " is larger than " + policy.maxResponseBytes() + " bytes");
            }
            return TokenSearch.inFile(response.body(), token) ? null
                    : new FetchFailed(CheckFailure.TOKEN_NOT_FOUND, WELL_KNOWN_PATH + " does not hold the token");
        } catch (FetchFailed e) {
            return e;
        }
    }

    private FetchFailed checkHomePage(SiteSession site, String token) {
        try {
            SiteResponse response = site.get("/");
            if (response.status() != 200) {
                return new FetchFailed(CheckFailure.TOKEN_NOT_FOUND, "/ answered " + response.status());
            }
            if (TokenSearch.inMetaTag(response.body(), token)) {
                return null;
            }
            return new FetchFailed(CheckFailure.TOKEN_NOT_FOUND, "no <meta name=\"" + TokenSearch.META_NAME
                    + "\"> with the token" + (response.truncated()
                    ? " in the first " + policy.maxResponseBytes() + " bytes of /" : " on /"));
        } catch (FetchFailed e) {
            return e;
        }
    }
}
