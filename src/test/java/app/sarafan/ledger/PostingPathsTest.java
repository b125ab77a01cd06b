package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import app.sarafan.support.ApiTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * The same scenario through every path that can write it — lazily (a balance read settles the account), by a job
 * (a chunk, set-based, or one by one for an account with a reservation or a debt), one credit at a time or batched
 * — leaves the same rows, balance parts and domain events. What differs by nature (ids, the instant each path ran)
 * is written relative to the account: transactions and lots by their position, instants equal to the transaction's
 * own creation as "at posting".
 */
@QuarkusTest
class PostingPathsTest extends ApiTest {

    private static final Source TEST = new Source(SourceType.ADMIN, "paths", "test");

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Holds holds;

    @Inject
    CreditBatch batch;

    @Inject
    BulkCredits bulk;

    @Inject
    ObjectMapper json;

    /** A path that settles what the clock made due. */
    enum Settling {
        LAZILY, BY_THE_JOB
    }

    @Test
    void anExpiryWritesTheSameRowsAndEventLazilyAndInAJobChunk() {
        Instant burns = inDays(10);
        Map<Settling, Snapshot> seen = assertSamePaths(Duration.ofDays(11),
                account -> credit(account, "100.25", null, burns), "expiry");
        assertEquals(List.of("BONUS_EXPIRED {amount=100.25, transactionId=tx1}"), seen.get(Settling.LAZILY).events());
    }

    @Test
    void anExpiryOnAnAccountWithAReservationBurnsOnlyTheUnreservedPartOnEveryPath() {
        Instant burns = inDays(10);
        Map<Settling, Snapshot> seen = assertSamePaths(Duration.ofDays(11), account -> {
            credit(account, "100.00", null, burns);
            QuarkusTransaction.requiringNew().run(() -> holds.hold(account, new BigDecimal("30.00"), TEST,
                    "order in checkout"));
        }, "expiry");
        assertEquals(List.of("0.00", "0.00", "30.00"), seen.get(Settling.BY_THE_JOB).parts());
        assertEquals(List.of("BONUS_EXPIRED {amount=70.00, transactionId=tx2}"), seen.get(Settling.BY_THE_JOB).events());
    }

    @Test
    void anActivationWritesTheSameRowsLazilyAndInAJobChunk() {
        Instant matures = inDays(5);
        Instant burns = inDays(35);
        assertSamePaths(Duration.ofDays(5).plusMinutes(1), account -> credit(account, "80.00", matures, burns),
                "activation");
    }

    @Test
    void anActivationOnAnAccountInDebtRepaysItTheSameWayOnEveryPath() {
        Instant matures = inDays(5);
        Map<Settling, Snapshot> seen = assertSamePaths(Duration.ofDays(5).plusMinutes(1), account -> {
            TransactionView first = credit(account, "100.00", null, null);
            ledger.debit(account, new Ledger.Debit(TransactionKind.ADJUSTMENT, new BigDecimal("100.00"), TEST,
                    "spent"));
            credit(account, "50.00", matures, null);
            ledger.reverse(account, new Ledger.Reversal(Long.parseLong(first.id()), new BigDecimal("100.00"), TEST,
                    "order cancelled"));
        }, "activation");
        assertEquals(List.of("-50.00", "0.00", "0.00"), seen.get(Settling.LAZILY).parts());
    }

    private Instant inDays(int days) {
        return clock.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private TransactionView credit(long account, String amount, Instant availableFrom, Instant expiresAt) {
        return ledger.credit(account, new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal(amount), TEST,
                "cashback", availableFrom, expiresAt));
    }

    @Test
    void aCreditWritesTheSameRowsOneByOneInAnEventBatchAndInAMassCredit() {
        Instant expiresAt = clock.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant availableFrom = clock.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (Instant from : new Instant[] {null, availableFrom}) {
            Ledger.Credit credit = new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal("12.34"),
                    new Source(SourceType.MASS_OPERATION, "paths-" + java.util.UUID.randomUUID(), "test"), "campaign",
                    from, expiresAt, new Provenance(null, null, null));
            String oneByOne = newMember();
            String batched = newMember();
            String mass = newMember();
            QuarkusTransaction.requiringNew().run(() -> ledger.credit(id(oneByOne), credit));
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = clock.now();
                batch.lock(List.of(id(batched)), now);
                batch.post(List.of(new CreditBatch.Entry(id(batched), credit)), now);
            });
            QuarkusTransaction.requiringNew().run(() -> bulk.creditEach(List.of(id(mass)), credit, clock.now()));
            Snapshot expected = snapshot(oneByOne);
            assertEquals(expected, snapshot(batched), "an event's batch writes what one credit writes");
            assertEquals(expected, snapshot(mass), "a mass credit writes what one credit writes");
        }
    }

    /**
     * Sets the scenario up on one member per path, lets {@code later} pass, settles each account its way and
     * answers what each path left; fails unless they are all the same.
     */
    private Map<Settling, Snapshot> assertSamePaths(Duration later, LongConsumer scenario, String job) {
        Map<Settling, String> members = new HashMap<>();
        for (Settling path : Settling.values()) {
            String member = newMember();
            scenario.accept(id(member));
            members.put(path, member);
        }
        clock.advance(later);
        shop().get("/v1/members/{id}/balance", members.get(Settling.LAZILY)).then().statusCode(200);
        admin().post("/v1/admin/jobs/{name}/runs", job).then().statusCode(200);

        Map<Settling, Snapshot> seen = new HashMap<>();
        members.forEach((path, member) -> seen.put(path, snapshot(member)));
        assertFalse(seen.get(Settling.LAZILY).transactions().isEmpty());
        assertEquals(seen.get(Settling.LAZILY), seen.get(Settling.BY_THE_JOB),
                "a balance read and the " + job + " job leave the same rows and events");
        return seen;
    }

    /** What the ledger holds for one account, ids and instants of posting written relative to it. */
    record Snapshot(List<String> parts, List<String> transactions, List<String> lots, List<String> movements,
            List<String> events) {
    }

    @SuppressWarnings("unchecked")
    private Snapshot snapshot(String member) {
        long account = id(member);
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] parts = (Object[]) em.createNativeQuery(
                    "SELECT available, pending, reserved FROM account WHERE member_id = ?1")
                    .setParameter(1, account).getSingleResult();
            List<Object[]> txs = em.createNativeQuery("""
                    SELECT id, kind, amount, pending_change, reserved_change, source_type, reason, actor,
                           related_transaction_id, created_at, available_from, expires_at, rule_version_id,
                           referral_member_id, referral_level
                    FROM ledger_transaction WHERE account_id = ?1 ORDER BY id""").setParameter(1, account)
                    .getResultList();
            Map<Long, String> txNames = new HashMap<>();
            List<String> transactions = new ArrayList<>();
            for (Object[] t : txs) {
                txNames.put(((Number) t[0]).longValue(), "tx" + txNames.size());
                Object createdAt = t[9];
                transactions.add(List.of(t[1], t[2], t[3], t[4], t[5], t[6], t[7]) + " related "
                        + txNames.get(t[8] == null ? null : ((Number) t[8]).longValue()) + " from "
                        + relative(t[10], createdAt) + " until " + t[11] + " provenance "
                        + java.util.Arrays.asList(t[12], t[13], t[14]));
            }
            List<Object[]> lotRows = em.createNativeQuery("""
                    SELECT l.id, l.transaction_id, l.amount, l.remaining, l.state, l.available_from, l.expires_at,
                           t.created_at
                    FROM lot l JOIN ledger_transaction t ON t.id = l.transaction_id
                    WHERE l.account_id = ?1 ORDER BY l.id""").setParameter(1, account).getResultList();
            Map<Long, String> lotNames = new HashMap<>();
            List<String> lots = new ArrayList<>();
            for (Object[] l : lotRows) {
                lotNames.put(((Number) l[0]).longValue(), "lot" + lotNames.size());
                lots.add(txNames.get(((Number) l[1]).longValue()) + " " + l[2] + " " + l[3] + " " + l[4] + " from "
                        + relative(l[5], l[7]) + " until " + l[6]);
            }
            List<Object[]> movementRows = em.createNativeQuery("""
                    SELECT m.lot_id, m.transaction_id, m.amount FROM lot_movement m JOIN lot l ON l.id = m.lot_id
                    WHERE l.account_id = ?1 ORDER BY m.transaction_id, m.id""").setParameter(1, account)
                    .getResultList();
            List<String> movements = movementRows.stream().map(m -> lotNames.get(((Number) m[0]).longValue()) + " "
                    + txNames.get(((Number) m[1]).longValue()) + " " + m[2]).toList();
            List<Object[]> eventRows = em.createNativeQuery(
                    "SELECT type, payload FROM domain_event WHERE member_id = ?1 ORDER BY id")
                    .setParameter(1, account).getResultList();
            List<String> events = new ArrayList<>();
            for (Object[] e : eventRows) {
                Map<String, Object> payload = new java.util.TreeMap<>(readJson((String) e[1]));
                if (payload.containsKey("transactionId")) {
                    payload.put("transactionId", txNames.get(Long.parseLong((String) payload.get("transactionId"))));
                }
                events.add(e[0] + " " + payload);
            }
            return new Snapshot(List.of(parts[0].toString(), parts[1].toString(), parts[2].toString()),
                    transactions, lots, movements, events);
        });
    }

    /** An instant, or "at posting" when it is the instant its transaction was written. */
    private static String relative(Object at, Object postedAt) {
        return instant(at).equals(instant(postedAt)) ? "at posting" : String.valueOf(instant(at));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalArgumentException(String.valueOf(value));
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readJson(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long id(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT id FROM member WHERE external_id = ?1").setParameter(1, externalId).getSingleResult())
                .longValue());
    }
}
