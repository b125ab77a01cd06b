package app.sarafan.referral.imports;

/** What became of one row: not yet run, imported (something changed), skipped (all of it was there), rejected. */
enum RowStatus {
    PENDING, IMPORTED, SKIPPED, REJECTED
}
