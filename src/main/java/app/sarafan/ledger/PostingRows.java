package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.common.sql.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Writes many {@link Posting}s at once, in one statement, to accounts the caller has locked: what {@link Journal}
 * writes for each — the transaction, the lot it opens, its lot changes, the account's parts, its domain event —
 * without a round trip per row, which is what makes an event's rewards, a mass operation's chunk and a job's
 * chunk cheap. It knows no kind of posting: {@link Postings} says what each is.
 *
 * <p>Each lot may be changed by at most one posting of a call: every change is applied to the lot as the
 * statement found it.
 */
@ApplicationScoped
class PostingRows {

    // Ids come from the transactions' own sequence up front, so every row written knows its transaction and the
    // answer keeps the order of the postings. Lots and accounts are reached through their keys (= ANY), so a big
    // table is never scanned whatever the planner guesses of the unnested rows.
    private static final String WRITE = """
            WITH input AS MATERIALIZED (
                SELECT nextval('ledger_transaction_id_seq') AS id, u.*
                FROM unnest(?::bigint[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::bigint[],
                            ?::bigint[], ?::int[], ?::text[])
                     WITH ORDINALITY AS u(account_id, kind, amount, pending_change, reserved_change, source_type,
                                          source_id, reason, actor, related_transaction_id, available_from,
                                          expires_at, rule_version_id, referral_member_id, referral_level, opens, ord)
                ORDER BY ord),
            changes AS MATERIALIZED (
                SELECT input.id AS transaction_id, input.account_id, c.lot_id, c.movement, c.state
                FROM unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[]) AS c(ord, lot_id, movement, state)
                JOIN input ON input.ord = c.ord),
            tx AS (
                INSERT INTO ledger_transaction (id, account_id, kind, amount, pending_change, reserved_change,
                                                source_type, source_id, reason, actor, related_transaction_id,
                                                created_at, available_from, expires_at, rule_version_id,
                                                referral_member_id, referral_level)
                SELECT id, account_id, kind, amount, pending_change, reserved_change, source_type, source_id, reason,
                       actor, related_transaction_id, ?, available_from, expires_at, rule_version_id,
                       referral_member_id, referral_level
                FROM input ORDER BY ord),
            opened AS (
                INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from, expires_at)
                SELECT account_id, id, amount, amount, opens, available_from, expires_at
                FROM input WHERE opens IS NOT NULL ORDER BY ord),
            movements AS (
                INSERT INTO lot_movement (lot_id, account_id, transaction_id, amount)
                SELECT lot_id, account_id, transaction_id, movement FROM changes WHERE movement <> 0),
            lots AS (
                UPDATE lot SET remaining = lot.remaining + c.movement, state = COALESCE(c.state, lot.state)
                FROM changes c WHERE lot.id = c.lot_id AND lot.id = ANY (?::bigint[])),
            accounts AS (
                UPDATE account a SET available = a.available + s.available, pending = a.pending + s.pending,
                                     reserved = a.reserved + s.reserved, updated_at = ?
                FROM (SELECT account_id, sum(amount - pending_change - reserved_change) AS available,
                             sum(pending_change) AS pending, sum(reserved_change) AS reserved
                      FROM input GROUP BY account_id) s
                WHERE a.member_id = s.account_id AND a.member_id = ANY (?::bigint[]))
            SELECT id FROM input ORDER BY ord""";

    private final EntityManager em;
    private final MeterRegistry metrics;
    private final DomainEvents events;

    PostingRows(EntityManager em, MeterRegistry metrics, DomainEvents events) {
        this.em = em;
        this.metrics = metrics;
        this.events = events;
    }

    /** Writes the postings; answers their transaction ids in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Long> write(List<Posting> postings, Instant now) {
        if (postings.isEmpty()) {
            return List.of();
        }
        // The persistence context must not hold changes the statement would miss, nor keep what it changes.
        em.flush();
        Session session = em.unwrap(Session.class);
        List<Long> ord = new ArrayList<>();
        List<Long> lotIds = new ArrayList<>();
        List<BigDecimal> movements = new ArrayList<>();
        List<String> states = new ArrayList<>();
        Set<Long> accounts = new HashSet<>();
        Set<Long> changed = new HashSet<>();
        for (int i = 0; i < postings.size(); i++) {
            Posting posting = postings.get(i);
            accounts.add(posting.accountId());
            for (Posting.LotChange change : posting.lotChanges()) {
                if (!changed.add(change.lotId())) {
                    throw new IllegalArgumentException("Lot " + change.lotId() + " changed twice in one write");
                }
                ord.add((long) i + 1);
                lotIds.add(change.lotId());
                movements.add(Money.exact(change.movement()));
                states.add(change.state() == null ? null : change.state().name());
            }
        }
        List<Long> ids = Jdbc.list(em, WRITE, row -> row.getLong(1),
                column(postings, Posting::accountId, "bigint"),
                column(postings, p -> p.kind().name(), "text"),
                column(postings, p -> Money.exact(p.amount()), "numeric"),
                column(postings, p -> Money.exact(p.pendingChange()), "numeric"),
                column(postings, p -> Money.exact(p.reservedChange()), "numeric"),
                column(postings, p -> p.source().type().name(), "text"),
                column(postings, p -> p.source().id(), "text"),
                column(postings, Posting::reason, "text"),
                column(postings, p -> p.source().actor(), "text"),
                column(postings, Posting::relatedTransactionId, "bigint"),
                // ISO instants: the driver would write a Timestamp in the JVM's zone.
                column(postings, p -> p.availableFrom().toString(), "timestamptz"),
                column(postings, p -> p.expiresAt() == null ? null : p.expiresAt().toString(), "timestamptz"),
                column(postings, p -> p.provenance().ruleVersionId(), "bigint"),
                column(postings, p -> p.provenance().referralMemberId(), "bigint"),
                column(postings, p -> p.provenance().referralLevel(), "int4"),
                column(postings, p -> p.opens() == null ? null : p.opens().name(), "text"),
                new Jdbc.SqlArray("bigint", ord.toArray()),
                new Jdbc.SqlArray("bigint", lotIds.toArray()),
                new Jdbc.SqlArray("numeric", movements.toArray()),
                new Jdbc.SqlArray("text", states.toArray()),
                now,
                new Jdbc.SqlArray("bigint", lotIds.toArray()),
                now,
                new Jdbc.SqlArray("bigint", accounts.toArray()));
        for (Long account : accounts) {
            session.evict(session.getReference(Account.class, account));
        }
        for (Long lot : lotIds) {
            session.evict(session.getReference(Lot.class, lot));
        }
        postings.stream().collect(Collectors.groupingBy(Posting::kind, Collectors.counting())).forEach(
                (kind, count) -> metrics.counter("sarafan.ledger.transactions", "kind", kind.name()).increment(count));
        List<DomainEvents.Published> announced = new ArrayList<>();
        for (int i = 0; i < postings.size(); i++) {
            Posting posting = postings.get(i);
            if (posting.announcement() != null) {
                Map<String, Object> payload = new LinkedHashMap<>(posting.announcement().payload());
                payload.put("transactionId", String.valueOf(ids.get(i)));
                announced.add(new DomainEvents.Published(posting.announcement().type(), posting.accountId(),
                        payload));
            }
        }
        events.publishAll(announced);
        return ids;
    }

    private static Jdbc.SqlArray column(List<Posting> postings, Function<Posting, Object> value, String type) {
        return new Jdbc.SqlArray(type, postings.stream().map(value).toArray());
    }
}
