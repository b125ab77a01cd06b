package app.sarafan.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * The same credit to many accounts at once (a mass accrual), once per account and source, in the caller's
 * transaction. It writes the same {@link Postings#credit} as {@link Ledger#credit} does, through {@link PostingRows}:
 * a whole batch of accounts in one statement, which is what makes 100 000 members a matter of seconds.
 *
 * <p>The batch path is taken only where {@link Ledger#credit} would write nothing else: accounts with something to
 * settle (a pending lot whose hold ended, an active lot past its expiry) or with a debt to repay go through
 * {@link Ledger#credit} one by one, after the batch. Accounts are locked in ascending order first, as
 * {@link Ledger#lock} does. An account that already has a transaction of this kind from {@code source} gets
 * nothing (a unique index on MASS_OPERATION sources enforces it).
 */
@ApplicationScoped
public class BulkCredits {

    private static final String EXISTING = """
            SELECT account_id, id FROM ledger_transaction
            WHERE source_type = ? AND source_id = ? AND kind = ? AND account_id = ANY (?)""";

    private final EntityManager em;
    private final Ledger ledger;
    private final CreditBatch accounts;
    private final PostingRows rows;

    BulkCredits(EntityManager em, Ledger ledger, CreditBatch accounts, PostingRows rows) {
        this.em = em;
        this.accounts = accounts;
        this.ledger = ledger;
        this.rows = rows;
    }

    /**
     * Credits {@code credit} (its source included) to each account of {@code memberIds}; answers the transaction
     * that holds the credit per member — the one written now or the one written before from the same source.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Long> creditEach(List<Long> memberIds, Ledger.Credit credit, Instant now) {
        Map<Long, Long> transactions = new HashMap<>();
        if (memberIds.isEmpty()) {
            return transactions;
        }
        boolean burnsAtOnce = credit.expiresAt() != null && !credit.expiresAt().isAfter(now);
        CreditBatch.Locked locked = accounts.lock(memberIds, now);
        List<Long> oneByOne = new ArrayList<>();
        List<Long> batch = new ArrayList<>();
        for (long memberId : locked.accounts()) {
            (burnsAtOnce || locked.oneByOne().contains(memberId) ? oneByOne : batch).add(memberId);
        }
        em.unwrap(Session.class).doWork(connection -> transactions.putAll(existing(connection, credit, batch)));
        batch.removeAll(transactions.keySet());
        oneByOne.removeAll(transactions.keySet());
        List<Long> posted = rows.write(batch.stream().map(m -> Postings.credit(m, credit, now)).toList(), now);
        for (int i = 0; i < batch.size(); i++) {
            transactions.put(batch.get(i), posted.get(i));
        }
        for (long memberId : oneByOne) {
            List<TransactionView> written = ledger.creditOnce(memberId, credit.source(), List.of(credit));
            if (!written.isEmpty()) {
                transactions.put(memberId, Long.valueOf(written.get(0).id()));
            }
        }
        return transactions;
    }

    private static Map<Long, Long> existing(Connection connection, Ledger.Credit credit, List<Long> memberIds)
            throws SQLException {
        Map<Long, Long> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(EXISTING)) {
            select.setString(1, credit.source().type().name());
            select.setString(2, credit.source().id());
            select.setString(3, credit.kind().name());
            select.setArray(4, ids(connection, memberIds));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return found;
    }

    private static Array ids(Connection connection, List<Long> memberIds) throws SQLException {
        return connection.createArrayOf("bigint", memberIds.toArray());
    }
}
