package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V18 on a database that already has a history: in a schema of its own, the migrations up to V17 run, rows are
 * written as the application wrote them then (no links, movements without an account), and V18 links each release
 * and capture to its hold where it can and gives every movement its lot's account.
 */
@QuarkusTest
class HoldBackfillTest {

    private static final String SCHEMA = "ledger_before_v18";

    @Inject
    DataSource dataSource;

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("filesystem:src/main/resources/db/migration").target(target).load();
    }

    @AfterEach
    void dropTheSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static long id(Statement s, String insert) throws SQLException {
        try (ResultSet r = s.executeQuery(insert + " RETURNING id")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long tx(Statement s, long account, String kind, String amount, String reserved, String sourceType,
            String sourceId) throws SQLException {
        return id(s, """
                INSERT INTO ledger_transaction (account_id, kind, amount, pending_change, reserved_change, source_type,
                    source_id, reason, actor, created_at, available_from)
                VALUES (%d, '%s', %s, 0, %s, '%s', '%s', 'before V18', 'test', now(), now())"""
                .formatted(account, kind, amount, reserved, sourceType, sourceId));
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    @Test
    void releasesAndCapturesWrittenBeforeAreLinkedToTheirHolds() throws SQLException {
        flyway("17").migrate();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the connection goes back to the pool: the search path is put back in finally
            s.execute("SET search_path TO " + SCHEMA);
            try {
                writeHistoryAndMigrate(s);
            } finally {
                s.execute("RESET search_path");
            }
        }
    }

    private void writeHistoryAndMigrate(Statement s) throws SQLException {
        {
            long member = id(s, """
                    INSERT INTO member (external_id, email, locale, time_zone, status, registered_at, created_at,
                        updated_at) VALUES ('legacy', 'legacy@example.com', 'en', 'UTC', 'ACTIVE', now(), now(), now())""");
            s.execute("INSERT INTO account (member_id, updated_at) VALUES (" + member + ", now())");
            long credit = tx(s, member, "ACCRUAL", "1000.00", "0", "ADMIN", "admin");
            long lot = id(s, """
                    INSERT INTO lot (account_id, transaction_id, amount, remaining, state, available_from)
                    VALUES (%d, %d, 1000.00, 740.00, 'ACTIVE', now())""".formatted(member, credit));
            long rule = id(s, "INSERT INTO rule (current_version, created_at, updated_at) VALUES (1, now(), now())");
            long version = id(s, """
                    INSERT INTO rule_version (rule_id, version, profile, name, active, priority, definition,
                        created_at, created_by) VALUES (%d, 1, 'WITHDRAWAL', 'w', true, 1, '{}', now(), 'test')"""
                    .formatted(rule));

            // paid in part: captured 200 of 300, the rest released
            long paidHold = tx(s, member, "HOLD", "0", "300.00", "ORDER", "ord-1");
            long paidCapture = tx(s, member, "REDEMPTION", "-200.00", "-200.00", "ORDER", "ord-1");
            long paidRest = tx(s, member, "RELEASE", "0", "-100.00", "ORDER", "ord-1");
            redemption(s, member, "ord-1", "CAPTURED", "300.00", "200.00", paidHold, paidCapture);
            // one order reserved twice, released twice: each release belongs to the hold before it
            long firstHold = tx(s, member, "HOLD", "0", "100.00", "ORDER", "ord-2");
            long firstRelease = tx(s, member, "RELEASE", "0", "-100.00", "ORDER", "ord-2");
            redemption(s, member, "ord-2", "RELEASED", "100.00", "0", firstHold, null);
            long secondHold = tx(s, member, "HOLD", "0", "50.00", "ORDER", "ord-2");
            long secondRelease = tx(s, member, "RELEASE", "0", "-50.00", "ORDER", "ord-2");
            redemption(s, member, "ord-2", "RELEASED", "50.00", "0", secondHold, null);
            // a withdrawal rejected, one paid: their final transactions are recorded
            long rejectedHold = tx(s, member, "HOLD", "0", "40.00", "WITHDRAWAL", "w-1");
            long rejectedRelease = tx(s, member, "RELEASE", "0", "-40.00", "WITHDRAWAL", "w-1");
            withdrawal(s, member, "REJECTED", "40.00", version, rejectedHold, rejectedRelease);
            long paidOutHold = tx(s, member, "HOLD", "0", "60.00", "WITHDRAWAL", "w-2");
            long paidOut = tx(s, member, "WITHDRAWAL", "-60.00", "-60.00", "WITHDRAWAL", "w-2");
            withdrawal(s, member, "PAID", "60.00", version, paidOutHold, paidOut);
            // a release nothing records, of no order: it cannot be linked
            long stray = tx(s, member, "RELEASE", "0", "-5.00", "ADMIN", "admin");
            s.execute("INSERT INTO lot_movement (lot_id, transaction_id, amount) VALUES (%d, %d, -200.00), (%d, %d, -60.00)"
                    .formatted(lot, paidCapture, lot, paidOut));

            flyway("18").migrate();

            assertEquals(List.of(
                    paidCapture + "->" + paidHold, paidRest + "->" + paidHold,
                    firstRelease + "->" + firstHold, secondRelease + "->" + secondHold,
                    rejectedRelease + "->" + rejectedHold, paidOut + "->" + paidOutHold, stray + "->null"),
                    column(s, """
                            SELECT id || '->' || COALESCE(related_transaction_id::text, 'null') FROM ledger_transaction
                            WHERE reserved_change < 0 ORDER BY id"""));
            assertEquals(List.of(member + "", member + ""),
                    column(s, "SELECT account_id FROM lot_movement ORDER BY id"));
        }
    }

    private static void redemption(Statement s, long member, String order, String status, String amount,
            String captured, long hold, Long capture) throws SQLException {
        s.execute("""
                INSERT INTO redemption (member_id, order_id, status, order_total, amount, captured, lines,
                    hold_transaction_id, capture_transaction_id, created_at, expires_at, updated_at)
                VALUES (%d, '%s', '%s', 1000.00, %s, %s, '[]', %d, %s, now(), now(), now())"""
                .formatted(member, order, status, amount, captured, hold, capture));
    }

    private static void withdrawal(Statement s, long member, String status, String amount, long version, long hold,
            long last) throws SQLException {
        s.execute("""
                INSERT INTO withdrawal (member_id, status, amount, fee, payout_method, payout_details,
                    payout_details_masked, rule_version_id, hold_transaction_id, final_transaction_id, created_at,
                    updated_at)
                VALUES (%d, '%s', %s, 0, 'BANK_CARD', 'x', '**** 1111', %d, %d, %d, now(), now())"""
                .formatted(member, status, amount, version, hold, last));
    }
}
