package app.sarafan.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import app.sarafan.member.MemberService;
import app.sarafan.redemption.ReservationSweep;
import app.sarafan.support.ApiTest;
import app.sarafan.support.Database;
import app.sarafan.support.Race;
import app.sarafan.support.TestRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release and a capture name their hold, a hold gives up at most what it holds, once as a capture and once as a
 * release, and the reserved part is the sum of the holds' open amounts: through redemptions and withdrawals, and
 * straight in the database.
 */
@io.quarkus.test.junit.QuarkusTest
class HoldLinksTest extends ApiTest {

    private static final List<Map<String, Object>> CART = List.of(
            Map.of("sku", "RUN-42", "category", "Shoes", "unitPrice", "7500.00", "quantity", 1),
            Map.of("sku", "SOCK-3", "category", "Socks", "unitPrice", "1250.00", "quantity", 2));
    private static final Source TAMPERING = new Source(SourceType.ADMIN, "test", "test");

    private final TestRules rules = new TestRules();

    @Inject
    DataSource dataSource;

    @Inject
    MemberService members;

    @Inject
    ReservationSweep sweep;

    @Inject
    Holds holds;

    private Database db;

    @BeforeEach
    void spendingAndWithdrawingAreOffered() {
        db = new Database(dataSource);
        rules.activate(Map.of("name", "Pay with bonuses", "profile", "PAY_WITH_BONUSES",
                "spending", Map.of("maxPercent", "20.00")));
        rules.activate(Map.of("name", "Withdrawals", "profile", "WITHDRAWAL", "withdrawal", Map.of()));
    }

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    private static String reserve(String externalId, String amount) {
        return shop().body(Map.of("externalId", externalId, "orderId", "ord-" + java.util.UUID.randomUUID(),
                "amount", amount, "lines", CART)).post("/v1/redemptions").then().statusCode(201).extract().path("id");
    }

    private static Response confirm(String redemption, String amount) {
        return shop().body(Map.of("amount", amount)).post("/v1/redemptions/{id}/confirm", redemption);
    }

    private static Response cancel(String redemption) {
        return shop().post("/v1/redemptions/{id}/cancel", redemption);
    }

    private static String withdraw(String externalId, String amount) {
        return member(externalId).contentType("application/json")
                .body(Map.of("amount", amount, "payoutMethod", "BANK_CARD", "payoutDetails", "4111 1111 1111 1111"))
                .post("/v1/me/withdrawals").then().statusCode(201).extract().path("id");
    }

    private long id(String externalId) {
        return members.ref(externalId).id();
    }

    /** Each hold of the account, oldest first: what it held, then what its capture and its release took. */
    private List<String> holdsOf(long account) {
        return db.column("""
                SELECT h.reserved_change || ' <-' || COALESCE(string_agg(' ' || t.kind || ' ' || -t.reserved_change,
                           ',' ORDER BY t.id), '')
                FROM ledger_transaction h LEFT JOIN ledger_transaction t ON t.related_transaction_id = h.id
                WHERE h.account_id = %d AND h.kind = 'HOLD' GROUP BY h.id ORDER BY h.id""".formatted(account));
    }

    /** What the account's holds have open: held minus what their captures and releases took. */
    private String openHolds(long account) {
        return db.value("""
                SELECT COALESCE(sum(h.reserved_change + COALESCE(
                           (SELECT sum(t.reserved_change) FROM ledger_transaction t
                            WHERE t.related_transaction_id = h.id AND t.reserved_change < 0), 0)), 0)
                FROM ledger_transaction h WHERE h.account_id = %d AND h.kind = 'HOLD'""".formatted(account));
    }

    private String holdOf(String redemption) {
        return db.value("SELECT hold_transaction_id FROM redemption WHERE id = " + redemption);
    }

    @Test
    void reservedIsTheSumOfOpenHoldsAfterConfirmationsReleasesTimeoutsAndWithdrawals() {
        String alice = newMember();
        credit(alice, "5000.00");
        long account = id(alice);
        String partlyPaid = reserve(alice, "1000.00");
        confirm(partlyPaid, "600.00").then().statusCode(200).body("captured", equalTo("600.00"));
        String cancelled = reserve(alice, "500.00");
        cancel(cancelled).then().statusCode(200);
        reserve(alice, "300.00");
        clock.advance(Duration.ofHours(25));
        sweep.releaseTimedOut();
        reserve(alice, "200.00");
        String rejected = withdraw(alice, "100.00");
        admin().body(Map.of("reason", "wrong card")).post("/v1/admin/withdrawals/{id}/reject", rejected).then()
                .statusCode(200);
        String paid = withdraw(alice, "150.00");
        admin().post("/v1/admin/withdrawals/{id}/mark-paid", paid).then().statusCode(200);
        withdraw(alice, "50.00");

        assertEquals(List.of(
                "1000.00 <- REDEMPTION 600.00, RELEASE 400.00",
                "500.00 <- RELEASE 500.00",
                "300.00 <- RELEASE 300.00",
                "200.00 <-",
                "100.00 <- RELEASE 100.00",
                "150.00 <- WITHDRAWAL 150.00",
                "50.00 <-"), holdsOf(account));
        assertEquals("250.00", openHolds(account));
        assertEquals("250.00", shop().get("/v1/members/{id}/balance", alice).then().statusCode(200).extract()
                .path("reserved"));
        assertEquals("4000.00", available(alice)); // 5000 - 600 spent - 150 paid out - 250 reserved
        assertEquals("0", db.value("SELECT count(*) FROM ledger_transaction WHERE account_id = " + account
                + " AND reserved_change < 0 AND related_transaction_id IS NULL"));
        // the link is part of the history every caller reads
        shop().queryParam("kind", "REDEMPTION").get("/v1/members/{id}/transactions", alice).then().statusCode(200)
                .body("items[0].relatedTransactionId", equalTo(holdOf(partlyPaid)));
    }

    @Test
    void theDatabaseRefusesASecondCaptureOrReleaseOfOneHoldAndMoreThanItHasOpen() {
        String bob = newMember();
        String carol = newMember();
        credit(bob, "1000.00");
        credit(carol, "1000.00");
        long account = id(bob);
        String hold = holdOf(reserve(bob, "200.00"));
        String carolsHold = holdOf(reserve(carol, "100.00"));
        String credit = db.value("SELECT min(id) FROM ledger_transaction WHERE kind = 'ADJUSTMENT' AND account_id = "
                + account);
        String release = taking(account, "RELEASE", "0.00", "-50.00", hold);
        String capture = taking(account, "REDEMPTION", "-50.00", "-50.00", hold);

        Database.Refusal second = db.refusal(release, release);
        assertEquals("23505", second.sqlState(), second.message());
        assertTrue(second.message().contains("ledger_transaction_one_release_per_hold_idx"), second.message());
        second = db.refusal(capture, capture);
        assertEquals("23505", second.sqlState(), second.message());
        assertTrue(second.message().contains("ledger_transaction_one_capture_per_hold_idx"), second.message());

        Database.Refusal beyond = db.refusal(capture, taking(account, "RELEASE", "0.00", "-150.01", hold));
        assertEquals("23514", beyond.sqlState(), beyond.message());
        assertTrue(beyond.message().contains("has 150.00 open"), beyond.message());
        for (String notAHold : List.of("NULL", credit, carolsHold)) {
            Database.Refusal unlinked = db.refusal(taking(account, "RELEASE", "0.00", "-10.00", notAHold));
            assertEquals("23514", unlinked.sqlState(), unlinked.message());
            assertTrue(unlinked.message().contains("must name a HOLD of account " + account), unlinked.message());
        }
        Database.Refusal notHeld = db.refusal(taking(account, "ADJUSTMENT", "-10.00", "-10.00", hold));
        assertEquals("23514", notHeld.sqlState(), notHeld.message());
        assertTrue(notHeld.message().contains("ledger_transaction_reserved_by_holds_check"), notHeld.message());
        Database.Refusal reservedWithoutAHold = db.refusal(taking(account, "ADJUSTMENT", "0.00", "10.00", "NULL"));
        assertEquals("23514", reservedWithoutAHold.sqlState(), reservedWithoutAHold.message());
        assertTrue(reservedWithoutAHold.message().contains("ledger_transaction_reserved_by_holds_check"),
                reservedWithoutAHold.message());
        assertEquals("200.00", openHolds(account));
    }

    /** A row moving reserved by {@code reservedChange}, naming {@code hold}, written straight in SQL. */
    private static String taking(long account, String kind, String amount, String reservedChange, String hold) {
        return """
                INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change, source_type,
                    reason, actor, related_transaction_id, created_at, available_from)
                VALUES (%d, '%s', %s, 0, %s, 'ADMIN', 'tampering', 'psql', %s, now(), now())"""
                .formatted(account, kind, amount, reservedChange, hold);
    }

    @Test
    void holdsCalledTwiceInOneTransactionAreRefusedAndNothingIsWritten() {
        String dave = newMember();
        credit(dave, "1000.00");
        long hold = Long.parseLong(holdOf(reserve(dave, "300.00")));
        IllegalStateException beyond = assertThrows(IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    holds.release(hold, new BigDecimal("300.00"), TAMPERING, "released");
                    holds.release(hold, new BigDecimal("0.01"), TAMPERING, "released again");
                }));
        assertEquals("Hold " + hold + " has 0.00 open, not 0.01", beyond.getMessage());
        // a second capture of part: the hold still has enough open, so it is the database that refuses
        Exception twice = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            holds.capture(hold, TransactionKind.REDEMPTION, new BigDecimal("100.00"), TAMPERING, "paid",
                    Holds.LotChoice.SOONEST_EXPIRING);
            holds.capture(hold, TransactionKind.REDEMPTION, new BigDecimal("100.00"), TAMPERING, "paid again",
                    Holds.LotChoice.SOONEST_EXPIRING);
        }));
        Throwable cause = twice;
        while (cause != null && !(cause instanceof ConstraintViolationException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, () -> "not a constraint violation: " + twice);
        assertEquals("ledger_transaction_one_capture_per_hold_idx",
                ((ConstraintViolationException) cause).getConstraintName());
        assertEquals(List.of("300.00 <-"), holdsOf(id(dave)));
        assertEquals("300.00", shop().get("/v1/members/{id}/balance", dave).then().extract().path("reserved"));
    }

    @Test
    void racingConfirmationsOrCancellationsOfOneRedemptionHaveOneEffect() throws Exception {
        String erin = newMember();
        credit(erin, "5000.00");
        String confirmed = reserve(erin, "1000.00");
        assertEquals(Map.of(200, 2), Race.answers(2, () -> confirm(confirmed, "600.00").statusCode()));
        String cancelled = reserve(erin, "500.00");
        assertEquals(Map.of(200, 2), Race.answers(2, () -> cancel(cancelled).statusCode()));
        String contested = reserve(erin, "300.00");
        AtomicInteger racer = new AtomicInteger();
        Map<Integer, Integer> answers = Race.answers(2, () -> racer.getAndIncrement() == 0
                ? confirm(contested, "300.00").statusCode() : cancel(contested).statusCode());
        assertEquals(Map.of(200, 1, 409, 1), answers);
        String status = shop().get("/v1/redemptions/{id}", contested).then().statusCode(200).extract().path("status");
        List<String> linked = holdsOf(id(erin));
        assertEquals(List.of("1000.00 <- REDEMPTION 600.00, RELEASE 400.00", "500.00 <- RELEASE 500.00",
                status.equals("CAPTURED") ? "300.00 <- REDEMPTION 300.00" : "300.00 <- RELEASE 300.00"), linked);
        assertEquals("0.00", openHolds(id(erin)));
        assertEquals(status.equals("CAPTURED") ? "4100.00" : "4400.00", available(erin));
    }
}
