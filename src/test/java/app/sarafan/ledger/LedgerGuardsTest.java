package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import app.sarafan.member.MemberService;
import app.sarafan.support.ApiTest;
import app.sarafan.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database refuses what would break the ledger, whoever writes: each guard of V18 (and the append-only triggers
 * before it) is tried straight in SQL, in a transaction that is rolled back. Every refusal comes after a statement
 * of the same shape that passes, so a test cannot pass because its SQL is wrong.
 */
@QuarkusTest
class LedgerGuardsTest extends ApiTest {

    private static final String LAST_TRANSACTION = "currval(pg_get_serial_sequence('ledger_transaction', 'id'))";

    @Inject
    DataSource dataSource;

    @Inject
    MemberService members;

    private Database db;
    private long a;
    private long b;

    @BeforeEach
    void twoAccountsWithACreditAndASpend() {
        db = new Database(dataSource);
        String alice = newMember();
        String bob = newMember();
        credit(alice, "100.00");
        adjust(alice, Map.of("type", "DEBIT", "amount", "30.00", "reason", "test debit")).then().statusCode(201);
        credit(bob, "50.00");
        a = members.ref(alice).id();
        b = members.ref(bob).id();
    }

    private static String transaction(long account, String kind, String sourceType) {
        return """
                INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change, source_type,
                    reason, actor, created_at, available_from)
                VALUES (%d, '%s', 1.00, 0, 0, '%s', 'tampering', 'psql', now(), now())"""
                .formatted(account, kind, sourceType);
    }

    private static String lot(long account, String transactionId) {
        return """
                INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from)
                VALUES (%d, %s, 1.00, 1.00, 'ACTIVE', now())""".formatted(account, transactionId);
    }

    private static String movement(String lotId, String transactionId, long account) {
        return "INSERT INTO lot_movement (lot_id, transaction_id, account_id, amount) VALUES (%s, %s, %d, -0.01)"
                .formatted(lotId, transactionId, account);
    }

    private static void refused(Database.Refusal refusal, String sqlState, String naming) {
        assertEquals(sqlState, refusal.sqlState(), refusal.message());
        assertTrue(refusal.message().contains(naming), refusal.message());
    }

    @Test
    void aTransactionOfAnUnknownKindOrSourceTypeIsRefused() {
        refused(db.refusal(transaction(a, "ADJUSTMENT", "ADMIN"), transaction(a, "BONUS", "ADMIN")), "23514",
                "ledger_transaction_kind_check");
        refused(db.refusal(transaction(a, "ADJUSTMENT", "ADMIN"), transaction(a, "ADJUSTMENT", "SHOP")), "23514",
                "ledger_transaction_source_type_check");
        refused(db.refusal(transaction(a, "adjustment", "ADMIN")), "23514", "ledger_transaction_kind_check");
    }

    @Test
    void aCreditHasOneLot() {
        refused(db.refusal(transaction(a, "ACCRUAL", "ADMIN"), lot(a, LAST_TRANSACTION), lot(a, LAST_TRANSACTION)),
                "23505", "lot_transaction_key");
        refused(db.refusal("""
                INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from)
                SELECT account_id, transaction_id, 1.00, 1.00, 'ACTIVE', now() FROM lot WHERE account_id = %d"""
                .formatted(a)), "23505", "lot_transaction_key");
    }

    @Test
    void aLotBelongsToTheAccountOfItsCredit() {
        refused(db.refusal(transaction(a, "ACCRUAL", "ADMIN"), lot(a, LAST_TRANSACTION),
                transaction(a, "ACCRUAL", "ADMIN"), lot(b, LAST_TRANSACTION)), "23503", "lot_transaction_account_fkey");
    }

    @Test
    void aMovementBelongsToTheAccountOfItsLotAndOfItsTransaction() {
        String lotA = db.value("SELECT min(id) FROM lot WHERE account_id = " + a);
        String lotB = db.value("SELECT min(id) FROM lot WHERE account_id = " + b);
        String spendA = db.value("SELECT max(id) FROM ledger_transaction WHERE account_id = " + a);
        String creditB = db.value("SELECT max(id) FROM ledger_transaction WHERE account_id = " + b);
        String passes = movement(lotA, spendA, a);
        refused(db.refusal(passes, movement(lotB, spendA, b)), "23503", "lot_movement_transaction_account_fkey");
        refused(db.refusal(passes, movement(lotA, creditB, b)), "23503", "lot_movement_lot_account_fkey");
        refused(db.refusal(passes, movement(lotA, spendA, b)), "23503", "lot_movement_");
        refused(db.refusal(passes, "INSERT INTO lot_movement (lot_id, transaction_id, amount) VALUES (%s, %s, -0.01)"
                .formatted(lotA, spendA)), "23502", "account_id");
        assertEquals(List.of(String.valueOf(a)), db.column("SELECT DISTINCT m.account_id FROM lot_movement m "
                + "JOIN lot l ON l.id = m.lot_id WHERE l.account_id = " + a));
    }

    @Test
    void appendOnlyTablesRefuseTruncateUpdateAndDelete() {
        String refusing = """
                SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE t.tgfoid = 'refuse_change'::regproc AND (t.tgtype & %d) = %d ORDER BY 1""";
        // tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE
        List<String> appendOnly = db.column(refusing.formatted(2 + 8 + 16, 2 + 8 + 16));
        assertEquals(List.of("accrual", "audit_entry", "ledger_transaction", "lot_movement", "rank_change",
                "rule_version"), appendOnly);
        assertEquals(appendOnly, db.column(refusing.formatted(2 + 32, 2 + 32)), "every append-only table refuses TRUNCATE");
        for (String table : appendOnly) {
            // CASCADE: a referenced table is refused by its foreign keys before any trigger runs
            refused(db.refusal("SET LOCAL lock_timeout = '10s'", "TRUNCATE " + table + " CASCADE"), "P0001",
                    "is append-only: TRUNCATE refused");
        }
        refused(db.refusal("SELECT 1", "UPDATE ledger_transaction SET reason = 'rewritten' WHERE account_id = " + a),
                "P0001", "ledger_transaction is append-only: UPDATE refused");
        refused(db.refusal("DELETE FROM ledger_transaction WHERE account_id = " + a), "P0001",
                "ledger_transaction is append-only: DELETE refused");
        refused(db.refusal("UPDATE lot_movement SET amount = -1 WHERE account_id = " + a), "P0001",
                "lot_movement is append-only: UPDATE refused");
        refused(db.refusal("DELETE FROM lot_movement WHERE account_id = " + a), "P0001",
                "lot_movement is append-only: DELETE refused");
    }
}
