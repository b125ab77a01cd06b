package app.sarafan.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.sarafan.common.money.Money;
import app.sarafan.common.tx.TransactionMemo;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * A few different credits — each with its own amount, reason and provenance — to a few accounts in one statement,
 * in the caller's transaction: what one shop event's rewards are (the buyer's cashback and three referral levels).
 * It writes exactly what {@link Ledger#credit} writes for each — a transaction, its lot, the account's parts — but
 * in one round trip instead of a dozen, which is most of the cost of an event.
 *
 * <p>Only accounts where {@link Ledger#credit} would write nothing else may be credited here: {@link #lock} locks
 * the accounts and answers those with something to settle (a pending lot whose hold ended, an active lot past its
 * expiry) or a debt to repay; the caller credits them through {@link Ledger#credit} instead, as it does credits
 * that burn at once.
 */
@ApplicationScoped
public class CreditBatch {

    /** One credit of the batch. */
    public record Entry(long memberId, Ledger.Credit credit) {
    }

    // The members come with their accounts: whoever credits them needs to know who they are and whether they are
    // blocked, and asking in the same round trip saves one per event.
    private static final String LOCK = """
            SELECT a.member_id, a.available < 0 OR EXISTS (
                       SELECT 1 FROM lot l WHERE l.account_id = a.member_id
                         AND ((l.state = 'PENDING' AND l.available_from <= ?)
                           OR (l.state = 'ACTIVE' AND l.expires_at <= ?))),
                   m.external_id, m.status
            FROM account a JOIN member m ON m.id = a.member_id
            WHERE a.member_id = ANY (?) ORDER BY a.member_id FOR NO KEY UPDATE OF a""";
    // Ids come from the transactions' own sequence up front, so every row written knows its transaction and the
    // answer keeps the order of the entries.
    private static final String POST = """
            WITH input AS MATERIALIZED (
                SELECT nextval('ledger_transaction_id_seq') AS id, u.*
                FROM unnest(?::bigint[], ?::text[], ?::numeric[], ?::boolean[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::int[])
                     WITH ORDINALITY AS u(account_id, kind, amount, pending, source_type, source_id, reason, actor,
                                          available_from, expires_at, rule_version_id, referral_member_id,
                                          referral_level, ord)
                ORDER BY ord),
            tx AS (
                INSERT INTO ledger_transaction (id, account_id, kind, amount, pending_change, reserved_change,
                                                source_type, source_id, reason, actor, created_at, available_from,
                                                expires_at, rule_version_id, referral_member_id, referral_level)
                SELECT id, account_id, kind, amount, CASE WHEN pending THEN amount ELSE 0 END, 0, source_type,
                       source_id, reason, actor, ?, available_from, expires_at, rule_version_id, referral_member_id,
                       referral_level
                FROM input ORDER BY ord),
            lots AS (
                INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from, expires_at)
                SELECT account_id, id, amount, amount, CASE WHEN pending THEN 'PENDING' ELSE 'ACTIVE' END,
                       available_from, expires_at
                FROM input ORDER BY ord),
            accounts AS (
                UPDATE account a SET available = a.available + s.available, pending = a.pending + s.pending,
                                     updated_at = ?
                FROM (SELECT account_id, sum(CASE WHEN pending THEN 0 ELSE amount END) AS available,
                             sum(CASE WHEN pending THEN amount ELSE 0 END) AS pending
                      FROM input GROUP BY account_id) s
                WHERE a.member_id = s.account_id)
            SELECT id FROM input ORDER BY ord""";

    // What the transaction's last lock answered. A paid order locks its buyer's and referrers' accounts up front
    // (against deadlocks) and credits the same accounts a moment later: the second lock is answered from here.
    // The Journal forgets it on every other write to an account, which could leave a debt behind; nothing else
    // can make an answered account one that must be credited one by one (time passing can make a lot due, which
    // the next operation on the account settles, as when the lock is a statement of its own a moment earlier).
    static final String MEMO = CreditBatch.class.getName() + ".locked";

    private final EntityManager em;
    private final MeterRegistry metrics;
    private final TransactionMemo memo;

    CreditBatch(EntityManager em, MeterRegistry metrics, TransactionMemo memo) {
        this.em = em;
        this.metrics = metrics;
        this.memo = memo;
    }

    /**
     * The accounts {@link #lock} locked, ascending, those of them that must be credited one by one, and their
     * members.
     */
    public record Locked(List<Long> accounts, Set<Long> oneByOne, Map<Long, MemberRef> members) {

        /** The part of this answer about {@code memberIds}, or null when it does not cover them all. */
        Locked of(Collection<Long> memberIds) {
            if (!members.keySet().containsAll(memberIds)) {
                return null;
            }
            List<Long> part = accounts.stream().filter(memberIds::contains).toList();
            Set<Long> partOneByOne = new HashSet<>();
            Map<Long, MemberRef> partMembers = new HashMap<>();
            for (Long id : part) {
                partMembers.put(id, members.get(id));
                if (oneByOne.contains(id)) {
                    partOneByOne.add(id);
                }
            }
            return new Locked(part, partOneByOne, partMembers);
        }
    }

    /**
     * Locks the accounts in ascending order (as {@link Ledger#lock} does) and tells which must be credited one by
     * one through {@link Ledger#credit}: something is due to settle on them at {@code now}, or they owe.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Locked lock(Collection<Long> memberIds, Instant now) {
        List<Long> accounts = new ArrayList<>();
        Set<Long> oneByOne = new HashSet<>();
        Map<Long, MemberRef> members = new HashMap<>();
        if (memberIds.isEmpty()) {
            return new Locked(accounts, oneByOne, members);
        }
        Locked known = memo.find(MEMO);
        Locked part = known == null ? null : known.of(memberIds);
        if (part != null) {
            return part;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setTimestamp(1, Timestamp.from(now));
                lock.setTimestamp(2, Timestamp.from(now));
                lock.setArray(3, connection.createArrayOf("bigint", memberIds.stream().distinct().toArray()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        accounts.add(id);
                        if (rows.getBoolean(2)) {
                            oneByOne.add(id);
                        }
                        members.put(id, new MemberRef(id, rows.getString(3),
                                MemberStatus.valueOf(rows.getString(4))));
                    }
                }
            }
        });
        Locked locked = new Locked(accounts, oneByOne, members);
        memo.put(MEMO, locked);
        return locked;
    }

    /**
     * Posts the credits, each to an account {@link #lock} locked and did not answer, none burning at once; answers
     * their transaction ids in the order of {@code entries}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> post(List<Entry> entries, Instant now) {
        List<Long> ids = new ArrayList<>(entries.size());
        if (entries.isEmpty()) {
            return ids;
        }
        em.flush();
        // The accounts change behind the persistence context's back: whoever needs one next reads it afresh.
        Session session = em.unwrap(Session.class);
        for (Entry entry : entries) {
            session.evict(session.getReference(Account.class, entry.memberId()));
        }
        int n = entries.size();
        Long[] accounts = new Long[n];
        String[] kinds = new String[n];
        BigDecimal[] amounts = new BigDecimal[n];
        Boolean[] pending = new Boolean[n];
        String[] sourceTypes = new String[n];
        String[] sourceIds = new String[n];
        String[] reasons = new String[n];
        String[] actors = new String[n];
        String[] availableFrom = new String[n];
        String[] expiresAt = new String[n];
        Long[] ruleVersions = new Long[n];
        Long[] referrals = new Long[n];
        Integer[] levels = new Integer[n];
        for (int i = 0; i < n; i++) {
            Ledger.Credit credit = entries.get(i).credit();
            boolean isPending = credit.availableFrom() != null && credit.availableFrom().isAfter(now);
            if (credit.expiresAt() != null && !credit.expiresAt().isAfter(now)) {
                throw new IllegalArgumentException("A credit that burns at once goes through Ledger.credit");
            }
            accounts[i] = entries.get(i).memberId();
            kinds[i] = credit.kind().name();
            amounts[i] = Money.exact(credit.amount());
            pending[i] = isPending;
            sourceTypes[i] = credit.source().type().name();
            sourceIds[i] = credit.source().id();
            reasons[i] = credit.reason();
            actors[i] = credit.source().actor();
            // ISO instants: the driver would write a Timestamp in the JVM's zone.
            availableFrom[i] = (isPending ? credit.availableFrom() : now).toString();
            expiresAt[i] = credit.expiresAt() == null ? null : credit.expiresAt().toString();
            ruleVersions[i] = credit.provenance().ruleVersionId();
            referrals[i] = credit.provenance().referralMemberId();
            levels[i] = credit.provenance().referralLevel();
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement post = connection.prepareStatement(POST)) {
                int i = 0;
                post.setArray(++i, connection.createArrayOf("bigint", accounts));
                post.setArray(++i, connection.createArrayOf("text", kinds));
                post.setArray(++i, connection.createArrayOf("numeric", amounts));
                post.setArray(++i, connection.createArrayOf("boolean", pending));
                post.setArray(++i, connection.createArrayOf("text", sourceTypes));
                post.setArray(++i, connection.createArrayOf("text", sourceIds));
                post.setArray(++i, connection.createArrayOf("text", reasons));
                post.setArray(++i, connection.createArrayOf("text", actors));
                post.setArray(++i, connection.createArrayOf("timestamptz", availableFrom));
                post.setArray(++i, connection.createArrayOf("timestamptz", expiresAt));
                post.setArray(++i, connection.createArrayOf("bigint", ruleVersions));
                post.setArray(++i, connection.createArrayOf("bigint", referrals));
                post.setArray(++i, connection.createArrayOf("int4", levels));
                post.setTimestamp(++i, Timestamp.from(now));
                post.setTimestamp(++i, Timestamp.from(now));
                try (ResultSet rows = post.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
        });
        for (String kind : kinds) {
            metrics.counter("sarafan.ledger.transactions", "kind", kind).increment();
        }
        return ids;
    }
}
