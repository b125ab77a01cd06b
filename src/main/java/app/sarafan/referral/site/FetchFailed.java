package app.sarafan.referral.site;

/** A fetch that ended without a usable answer; the detail is for the member and names no address or token. */
final class FetchFailed extends Exception {

    private final CheckFailure reason;

    FetchFailed(CheckFailure reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    CheckFailure reason() {
        return reason;
    }
}
