package app.sarafan.ledger;

import java.math.BigDecimal;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.Session;

/**
 * The ledger's one invariant, stated once. For every account:
 * <ol>
 *   <li>{@link Rule#BALANCE_PARTS}: each part of the balance equals the sum of that part's changes over the account's
 *       transactions (so the total equals the sum of all transaction amounts);</li>
 *   <li>{@link Rule#LOTS_COVER_BALANCE}: pending equals what is left of its PENDING lots, and the ACTIVE lots hold
 *       exactly the available part that is not a debt, plus what is reserved;</li>
 *   <li>{@link Rule#LOT_MOVEMENTS}: every lot's remaining equals its amount plus its movements, never goes below
 *       zero, and is zero once the lot is SPENT, EXPIRED or VOIDED;</li>
 *   <li>{@link Rule#LOT_PER_CREDIT}: every credit (a transaction with a positive amount: ACCRUAL, RETURN or a
 *       positive ADJUSTMENT) has exactly one lot of its amount on its account, and no lot exists without its
 *       credit;</li>
 *   <li>{@link Rule#OPEN_HOLDS}: reserved equals the open holds — what HOLDs put aside minus what captures
 *       (REDEMPTION, WITHDRAWAL) and RELEASEs took from it, and no other kind moves it; a capture or release
 *       that names its hold ({@code related_transaction_id}) names a HOLD of its account, and no hold gives up
 *       more than it holds.</li>
 * </ol>
 * And for the program as a whole ({@link Rule#CONSERVATION}): the sum of all balances equals what was credited
 * minus what was spent, burnt, reversed (or voided), withdrawn and debited by administrators; and the liability
 * analytics reports ({@link Liability}) is that same figure, plus the debts members owe, minus what lots still
 * hold past their expiry (which burns when their accounts settle).
 *
 * <p>Every check only reads, inside a read-only REPEATABLE READ transaction: it takes no lock, and all its
 * statements see one snapshot, so writes committed meanwhile can never make a healthy ledger look broken. Accounts
 * are checked in chunks by id ({@link #violations(long, int)}), so a job can go through a big table a piece at a
 * time; tests check everything at once after every test ({@link #violations()}).
 */
@ApplicationScoped
public class LedgerInvariant {

    /** The rules, in the order above. */
    public enum Rule {
        BALANCE_PARTS, LOTS_COVER_BALANCE, LOT_MOVEMENTS, LOT_PER_CREDIT, OPEN_HOLDS, CONSERVATION
    }

    /** One broken rule: of an account ({@code accountId} is its member's internal id), or of the program (null). */
    public record Violation(Rule rule, Long accountId, String detail) {
        @Override
        public String toString() {
            return (accountId == null ? "program" : "account " + accountId) + " breaks " + rule + ": " + detail;
        }
    }

    /** A chunk checked: how many accounts, the highest account id among them (to continue after), what broke. */
    public record Chunk(long accountsChecked, long lastAccountId, List<Violation> violations) {
    }

    /** The kinds that credit an account, each with its lot. */
    private static final List<String> CREDIT_KINDS = List.of("ACCRUAL", "RETURN", "ADJUSTMENT");
    private static final String CAPTURES_AND_RELEASES = "('RELEASE', 'REDEMPTION', 'WITHDRAWAL')";

    private final EntityManager em;
    private final Liability liability;
    private final AppClock clock;

    LedgerInvariant(EntityManager em, Liability liability, AppClock clock) {
        this.em = em;
        this.liability = liability;
        this.clock = clock;
    }

    /** Every rule over every account and the program, in one snapshot: one line per violation. */
    public List<String> violations() {
        return inSnapshot(() -> {
            List<Violation> found = new ArrayList<>(accounts(0, Integer.MAX_VALUE).violations());
            found.addAll(program(clock.now()));
            return found.stream().map(Violation::toString).toList();
        });
    }

    /** The account rules over the next {@code limit} accounts with an id above {@code afterAccountId}. */
    public Chunk violations(long afterAccountId, int limit) {
        return inSnapshot(() -> accounts(afterAccountId, limit));
    }

    /** The program-wide rule, as of {@code now} (business time: the liability depends on which lots expired). */
    public List<Violation> programViolations(Instant now) {
        return inSnapshot(() -> program(now));
    }

    private Chunk accounts(long after, int limit) {
        Object[] bounds = (Object[]) em.createNativeQuery("""
                SELECT count(*), coalesce(max(member_id), ?1)
                FROM (SELECT member_id FROM account WHERE member_id > ?1 ORDER BY member_id LIMIT ?2) chunk""")
                .setParameter(1, after).setParameter(2, limit).getSingleResult();
        long checked = ((Number) bounds[0]).longValue();
        long last = ((Number) bounds[1]).longValue();
        List<Violation> found = new ArrayList<>();
        if (checked == 0) {
            return new Chunk(0, after, found);
        }
        for (Object[] r : rows("""
                SELECT a.member_id, a.available, a.pending, a.reserved,
                       coalesce(t.available, 0), coalesce(t.pending, 0), coalesce(t.reserved, 0)
                FROM account a LEFT JOIN (
                    SELECT account_id, sum(amount - pending_change - reserved_change) available,
                           sum(pending_change) pending, sum(reserved_change) reserved
                    FROM ledger_transaction WHERE account_id > ?1 AND account_id <= ?2 GROUP BY account_id
                ) t ON t.account_id = a.member_id
                WHERE a.member_id > ?1 AND a.member_id <= ?2
                  AND (a.available <> coalesce(t.available, 0) OR a.pending <> coalesce(t.pending, 0)
                       OR a.reserved <> coalesce(t.reserved, 0))
                ORDER BY a.member_id""", after, last)) {
            found.add(of(Rule.BALANCE_PARTS, r[0], "parts (available " + r[1] + ", pending " + r[2] + ", reserved "
                    + r[3] + ") differ from its transactions (" + r[4] + ", " + r[5] + ", " + r[6] + ")"));
        }
        for (Object[] r : rows("""
                SELECT a.member_id, a.available, a.pending, a.reserved, coalesce(l.active, 0), coalesce(l.pending, 0)
                FROM account a LEFT JOIN (
                    SELECT account_id, sum(remaining) FILTER (WHERE state = 'ACTIVE') active,
                           sum(remaining) FILTER (WHERE state = 'PENDING') pending
                    FROM lot WHERE account_id > ?1 AND account_id <= ?2 GROUP BY account_id
                ) l ON l.account_id = a.member_id
                WHERE a.member_id > ?1 AND a.member_id <= ?2
                  AND (coalesce(l.active, 0) <> GREATEST(a.available, 0) + a.reserved
                       OR coalesce(l.pending, 0) <> a.pending)
                ORDER BY a.member_id""", after, last)) {
            found.add(of(Rule.LOTS_COVER_BALANCE, r[0], "active lots " + r[4] + " and pending lots " + r[5]
                    + " do not match available " + r[1] + ", reserved " + r[3] + ", pending " + r[2]));
        }
        for (Object[] r : rows("""
                SELECT l.account_id, l.id, l.state, l.amount, l.remaining, coalesce(m.moved, 0)
                FROM lot l LEFT JOIN (
                    SELECT m.lot_id, sum(m.amount) moved FROM lot_movement m JOIN lot o ON o.id = m.lot_id
                    WHERE o.account_id > ?1 AND o.account_id <= ?2 GROUP BY m.lot_id
                ) m ON m.lot_id = l.id
                WHERE l.account_id > ?1 AND l.account_id <= ?2
                  AND (l.remaining <> l.amount + coalesce(m.moved, 0) OR l.remaining < 0
                       OR (l.state IN ('SPENT', 'EXPIRED', 'VOIDED') AND l.remaining <> 0))
                ORDER BY l.account_id, l.id""", after, last)) {
            found.add(of(Rule.LOT_MOVEMENTS, r[0], "lot " + r[1] + " (" + r[2] + ") has remaining " + r[4]
                    + ", not its amount " + r[3] + " + movements " + r[5]));
        }
        for (Object[] r : rows("""
                WITH credit AS (
                    SELECT id, account_id, kind, amount FROM ledger_transaction
                    WHERE account_id > ?1 AND account_id <= ?2 AND amount > 0),
                lots AS (
                    SELECT id, account_id, transaction_id, amount FROM lot WHERE account_id > ?1 AND account_id <= ?2),
                pairs AS (
                    SELECT coalesce(c.account_id, l.account_id) account_id, c.id credit_id, c.kind, c.amount credit,
                           l.id lot_id, l.transaction_id, l.amount lot,
                           count(l.id) OVER (PARTITION BY c.id) lots_of_credit
                    FROM credit c FULL JOIN lots l ON l.transaction_id = c.id AND l.account_id = c.account_id)
                SELECT account_id, credit_id, kind, credit, lot_id, transaction_id, lot, lots_of_credit FROM pairs
                WHERE credit_id IS NULL OR lot_id IS NULL OR lots_of_credit > 1 OR lot <> credit
                   OR kind NOT IN ('ACCRUAL', 'RETURN', 'ADJUSTMENT')
                ORDER BY account_id, credit_id, lot_id""", after, last)) {
            found.add(of(Rule.LOT_PER_CREDIT, r[0], lotPerCredit(r)));
        }
        for (Object[] r : rows("""
                SELECT a.member_id, a.reserved, coalesce(h.held, 0), coalesce(h.given_up, 0), coalesce(h.other, 0)
                FROM account a LEFT JOIN (
                    SELECT account_id, sum(reserved_change) FILTER (WHERE kind = 'HOLD' AND reserved_change > 0) held,
                           sum(reserved_change) FILTER (WHERE kind IN %1$s AND reserved_change < 0) given_up,
                           count(*) FILTER (WHERE NOT ((kind = 'HOLD' AND reserved_change > 0)
                                                       OR (kind IN %1$s AND reserved_change < 0))) other
                    FROM ledger_transaction
                    WHERE account_id > ?1 AND account_id <= ?2 AND reserved_change <> 0 GROUP BY account_id
                ) h ON h.account_id = a.member_id
                WHERE a.member_id > ?1 AND a.member_id <= ?2
                  AND (a.reserved <> coalesce(h.held, 0) + coalesce(h.given_up, 0) OR coalesce(h.other, 0) > 0)
                ORDER BY a.member_id""".formatted(CAPTURES_AND_RELEASES), after, last)) {
            found.add(of(Rule.OPEN_HOLDS, r[0], "reserved " + r[1] + " is not what holds put aside (" + r[2]
                    + ") minus what captures and releases gave up (" + r[3] + ")"
                    + (((Number) r[4]).longValue() > 0 ? "; " + r[4] + " other transactions move reserved" : "")));
        }
        // Captures and releases that name their hold (older ones do not: they count in the sums above only).
        for (Object[] r : rows("""
                SELECT t.account_id, h.id, h.kind, h.account_id, h.reserved_change, sum(t.reserved_change)
                FROM ledger_transaction t JOIN ledger_transaction h ON h.id = t.related_transaction_id
                WHERE t.account_id > ?1 AND t.account_id <= ?2 AND t.kind IN %s
                GROUP BY t.account_id, h.id, h.kind, h.account_id, h.reserved_change
                HAVING h.kind <> 'HOLD' OR h.account_id <> t.account_id
                    OR h.reserved_change + sum(t.reserved_change) < 0
                ORDER BY t.account_id, h.id""".formatted(CAPTURES_AND_RELEASES), after, last)) {
            found.add(of(Rule.OPEN_HOLDS, r[0], !"HOLD".equals(String.valueOf(r[2])) || !r[0].equals(r[3])
                    ? "captures or releases name transaction " + r[1] + " (" + r[2] + " of account " + r[3]
                            + "), which is not a hold of this account"
                    : "hold " + r[1] + " put aside " + r[4] + " but its captures and releases gave up "
                            + ((BigDecimal) r[5]).negate()));
        }
        return new Chunk(checked, last, found);
    }

    /** How a credit and its lot disagree: {account, credit, kind, amount, lot, its transaction, its amount, lots}. */
    private static String lotPerCredit(Object[] r) {
        if (r[1] == null) {
            return "lot " + r[4] + " has no credit on this account (its transaction is " + r[5] + ")";
        }
        if (r[4] == null) {
            return "credit " + r[1] + " (" + r[2] + " " + r[3] + ") has no lot";
        }
        if (((Number) r[7]).longValue() > 1) {
            return "credit " + r[1] + " has " + r[7] + " lots (lot " + r[4] + ")";
        }
        if (!CREDIT_KINDS.contains(String.valueOf(r[2]))) {
            return "transaction " + r[1] + " of kind " + r[2] + " adds " + r[3]
                    + ": only ACCRUAL, RETURN and ADJUSTMENT credit";
        }
        return "lot " + r[4] + " holds " + r[6] + ", its credit " + r[1] + " " + r[3];
    }

    private List<Violation> program(Instant now) {
        Object[] r = (Object[]) em.createNativeQuery("""
                WITH balances AS (
                    SELECT coalesce(sum(available + pending + reserved), 0) total,
                           coalesce(sum(-LEAST(available, 0)), 0) debts FROM account),
                journal AS (
                    SELECT coalesce(sum(amount) FILTER (WHERE kind IN ('ACCRUAL', 'RETURN')
                                                        OR (kind = 'ADJUSTMENT' AND amount > 0)), 0) credited,
                           coalesce(-sum(amount) FILTER (WHERE kind = 'REDEMPTION'), 0) spent,
                           coalesce(-sum(amount) FILTER (WHERE kind = 'EXPIRY'), 0) expired,
                           coalesce(-sum(amount) FILTER (WHERE kind IN ('REVERSAL', 'VOID')), 0) reversed,
                           coalesce(-sum(amount) FILTER (WHERE kind = 'WITHDRAWAL'), 0) withdrawn,
                           coalesce(-sum(amount) FILTER (WHERE kind = 'ADJUSTMENT' AND amount < 0), 0) debited
                    FROM ledger_transaction)
                SELECT total, debts, credited, spent, expired, reversed, withdrawn, debited FROM balances, journal""")
                .getSingleResult();
        BigDecimal balances = Liability.money(r[0]);
        BigDecimal debts = Liability.money(r[1]);
        BigDecimal outstanding = Liability.money(r[2]);
        for (int i = 2; i < r.length; i++) {
            r[i] = Liability.money(r[i]);
        }
        for (int i = 3; i <= 7; i++) {
            outstanding = outstanding.subtract((BigDecimal) r[i]);
        }
        List<Violation> found = new ArrayList<>();
        if (balances.compareTo(outstanding) != 0) {
            found.add(new Violation(Rule.CONSERVATION, null, "balances add up to " + balances + ", but credited "
                    + r[2] + " - spent " + r[3] + " - expired " + r[4] + " - reversed " + r[5] + " - withdrawn "
                    + r[6] + " - debited " + r[7] + " = " + outstanding));
        }
        Liability.Figures owed = liability.asOf(now);
        BigDecimal expected = outstanding.add(debts).subtract(owed.pastExpiry());
        if (owed.total().compareTo(expected) != 0) {
            found.add(new Violation(Rule.CONSERVATION, null, "the liability analytics reports, " + owed.total()
                    + ", is not the journal's " + outstanding + " + debts " + debts + " - past expiry "
                    + owed.pastExpiry() + " = " + expected));
        }
        return found;
    }

    /** A read-only REPEATABLE READ transaction of its own: no locks, one snapshot for every statement. */
    private <T> T inSnapshot(Supplier<T> check) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.unwrap(Session.class).doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
            });
            return check.get();
        });
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, long after, long last) {
        Query query = em.createNativeQuery(sql).setParameter(1, after).setParameter(2, last);
        List<Object[]> rows = query.getResultList();
        // Amounts read as they are shown everywhere else: two fractional digits, a sum of nothing as 0.00.
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof BigDecimal amount && amount.scale() <= 2) {
                    row[i] = Money.exact(amount);
                }
            }
        }
        return rows;
    }

    private static Violation of(Rule rule, Object accountId, String detail) {
        return new Violation(rule, ((Number) accountId).longValue(), detail);
    }
}
