package app.sarafan.ledger;

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

import app.sarafan.common.tx.TransactionMemo;
import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * A few different credits — each with its own amount, reason and provenance — to a few accounts in one statement,
 * in the caller's transaction: what one shop event's rewards are (the buyer's cashback and three referral levels).
 * It writes the same {@link Postings#credit} as {@link Ledger#credit} does for each, through {@link PostingRows}: one
 * round trip instead of a dozen, which is most of the cost of an event.
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
    // What the transaction's last lock answered. A paid order locks its buyer's and referrers' accounts up front
    // (against deadlocks) and credits the same accounts a moment later: the second lock is answered from here.
    // The Journal forgets it on every other write to an account, which could leave a debt behind; nothing else
    // can make an answered account one that must be credited one by one (time passing can make a lot due, which
    // the next operation on the account settles, as when the lock is a statement of its own a moment earlier).
    static final String MEMO = CreditBatch.class.getName() + ".locked";

    private final EntityManager em;
    private final PostingRows rows;
    private final TransactionMemo memo;

    CreditBatch(EntityManager em, PostingRows rows, TransactionMemo memo) {
        this.em = em;
        this.rows = rows;
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
        List<Posting> postings = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Ledger.Credit credit = entry.credit();
            if (credit.expiresAt() != null && !credit.expiresAt().isAfter(now)) {
                throw new IllegalArgumentException("A credit that burns at once goes through Ledger.credit");
            }
            postings.add(Postings.credit(entry.memberId(), credit, now));
        }
        return rows.write(postings, now);
    }
}
