package app.sarafan.referral.imports;

import java.util.List;

/**
 * A checked row, as stored for the worker: the member, their referrer (and the file row of that referrer, when the
 * file has one, to explain a rejection) and the lots to credit (a {@code balance} is one lot without expiry).
 */
record ImportRow(String externalId, String referrerExternalId, Integer referrerRow, String email, String name,
        List<ImportLot> lots) {
}
