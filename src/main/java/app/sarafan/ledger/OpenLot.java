package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/** What {@link Postings} needs to know of a lot: read from the entity on one account, from rows for a chunk. */
record OpenLot(long id, long accountId, long transactionId, BigDecimal remaining, LotState state,
        Instant availableFrom, Instant expiresAt) {

    OpenLot less(BigDecimal taken) {
        return new OpenLot(id, accountId, transactionId, remaining.subtract(taken), state, availableFrom, expiresAt);
    }
}
