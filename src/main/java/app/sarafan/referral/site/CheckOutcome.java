package app.sarafan.referral.site;

/** What one check of a site found: the method when the token was found, else the failure and its detail. */
record CheckOutcome(VerificationMethod method, CheckFailure failure, String detail) {

    static CheckOutcome verified(VerificationMethod method) {
        return new CheckOutcome(method, null, null);
    }

    static CheckOutcome failed(CheckFailure failure, String detail) {
        return new CheckOutcome(null, failure, detail);
    }

    boolean verified() {
        return method != null;
    }
}
