package app.sarafan.referral.imports;

/**
 * This instance no longer holds the import (its lease ran out and another instance took it over, or the row was
 * already done by that instance): the row's transaction is rolled back and this instance leaves the import.
 */
class LeaseLost extends RuntimeException {

    LeaseLost(long importId) {
        super("Import " + importId + " is no longer held by this instance", null, false, false);
    }
}
