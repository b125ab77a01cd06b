package app.sarafan.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.ledger.LedgerInvariant;
import app.sarafan.support.ApiTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReconciliationTest extends ApiTest {

    /** %test.sarafan.reconciliation.chunk-size. */
    private static final int CHUNK = 200;

    @Inject
    EntityManager em;

    @Inject
    Reconciliations reconciliations;

    @Test
    void aHealthyLedgerReconcilesWithoutViolationsOverEveryAccountInChunks() {
        String member = newMember();
        credit(member, "100.00");
        JsonPath run = runReconciliation();
        long accounts = count("SELECT count(*) FROM account");
        assertEquals("reconciliation", run.getString("job"));
        assertEquals(accounts, run.getLong("processed"), "every account is checked");
        assertEquals(0L, run.getLong("written"), "no violation");
        assertEquals((int) ((accounts + CHUNK - 1) / CHUNK), run.getInt("chunks"));

        JsonPath report = latestReport(run);
        assertEquals("ON_DEMAND", report.getString("trigger"));
        assertEquals("FINISHED", report.getString("status"));
        assertEquals(accounts, report.getLong("accountsChecked"));
        assertEquals(run.getInt("chunks"), report.getInt("chunks"));
        assertEquals(0L, report.getLong("violationCount"));
        assertEquals(List.of(), report.getList("violations"));
        assertEquals(null, report.getString("failure"));
        admin().get("/v1/admin/reconciliations/{id}", report.getString("id")).then().statusCode(200)
                .body("accountsChecked", org.hamcrest.Matchers.equalTo((int) accounts));
    }

    @Test
    void chunksByAccountIdCoverEveryAccountOnce() {
        newMember();
        newMember();
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT member_id FROM account ORDER BY member_id").getResultList().stream()
                .map(id -> ((Number) id).longValue()).toList());
        List<Long> seen = new ArrayList<>();
        long after = 0;
        int chunks = 0;
        for (LedgerInvariant.Chunk chunk = invariant.violations(after, 7); chunk.accountsChecked() > 0;
                chunk = invariant.violations(after, 7)) {
            assertEquals(List.of(), chunk.violations());
            assertTrue(chunk.accountsChecked() <= 7);
            long from = after;
            long to = chunk.lastAccountId();
            seen.addAll(ids.stream().filter(id -> id > from && id <= to).toList());
            assertEquals(seen.size(), ids.stream().filter(id -> id <= to).count(), "no gap before account " + to);
            after = to;
            chunks++;
        }
        assertEquals(ids, seen);
        assertEquals((ids.size() + 6) / 7, chunks);
        assertEquals(List.of(), invariant.programViolations(clock.now()));
    }

    @Test
    void aTamperedAccountIsReportedLoggedAndCountedUntilItIsRepaired() {
        String member = newMember();
        credit(member, "100.00");
        long account = count("SELECT id FROM member WHERE external_id = '" + member + "'");
        tamper(account, "5.00");
        try {
            JsonPath run = runReconciliation();
            assertEquals(3L, run.getLong("written"), "its parts, its lots and the program's sums disagree");
            JsonPath report = latestReport(run);
            assertEquals(3L, report.getLong("violationCount"));
            List<Map<String, Object>> violations = report.getList("violations");
            assertEquals(List.of("BALANCE_PARTS", "LOTS_COVER_BALANCE", "CONSERVATION"),
                    violations.stream().map(v -> v.get("rule")).toList());
            assertEquals(member, violations.get(0).get("externalId"));
            assertEquals("parts (available 105.00, pending 0.00, reserved 0.00) differ from its transactions"
                    + " (100.00, 0.00, 0.00)", violations.get(0).get("detail"));
            assertEquals(member, violations.get(1).get("externalId"));
            assertEquals(null, violations.get(2).get("externalId"));
            assertTrue(((String) violations.get(2).get("detail")).startsWith("balances add up to "),
                    violations.get(2).toString());
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("sarafan_ledger_invariant_violations 3.0"));
        } finally {
            tamper(account, "-5.00");
        }
        assertEquals(0L, runReconciliation().getLong("written"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sarafan_ledger_invariant_violations 0.0"));
    }

    @Test
    void aLotThatDisagreesWithItsCreditBreaksOneLotPerCredit() {
        String member = newMember();
        credit(member, "40.00");
        long account = count("SELECT id FROM member WHERE external_id = '" + member + "'");
        long credit = count("SELECT id FROM ledger_transaction WHERE account_id = " + account);
        long lot = count("SELECT id FROM lot WHERE account_id = " + account);
        changeLotAmount(lot, "1.00");
        try {
            List<String> found = invariant.violations(account - 1, 1).violations().stream()
                    .map(LedgerInvariant.Violation::toString).toList();
            assertEquals(List.of("account " + account + " breaks LOT_MOVEMENTS: lot " + lot + " (ACTIVE) has remaining"
                            + " 40.00, not its amount 41.00 + movements 0.00",
                    "account " + account + " breaks LOT_PER_CREDIT: lot " + lot + " holds 41.00, its credit " + credit
                            + " 40.00"), found);
        } finally {
            changeLotAmount(lot, "-1.00");
        }
        assertEquals(List.of(), invariant.violations(account - 1, 1).violations());
    }

    @Test
    void aScheduledRunIsClaimedOnceWhicheverInstanceFiresFirst() {
        Instant slot = Instant.parse("2026-11-25T03:30:00Z").plusSeconds(System.nanoTime() % 1_000_000);
        var first = reconciliations.run(clock.now(), slot);
        var second = reconciliations.run(clock.now(), slot);
        assertTrue(first.isPresent(), "the first to fire runs it");
        assertEquals(java.util.Optional.empty(), second, "the other instance finds the slot claimed and skips it");
        admin().get("/v1/admin/reconciliations/{id}", first.get().id()).then().statusCode(200)
                .body("trigger", org.hamcrest.Matchers.equalTo("SCHEDULE"))
                .body("status", org.hamcrest.Matchers.equalTo("FINISHED"))
                .body("violationCount", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void onlyAdministratorsReadReports() {
        String member = newMember();
        given().get("/v1/admin/reconciliations").then().statusCode(401);
        shop().get("/v1/admin/reconciliations").then().statusCode(403);
        member(member).get("/v1/admin/reconciliations").then().statusCode(403);
        given().get("/v1/admin/reconciliations/1").then().statusCode(401);
        shop().get("/v1/admin/reconciliations/1").then().statusCode(403);
        shop().post("/v1/admin/jobs/reconciliation/runs").then().statusCode(403);
        given().post("/v1/admin/jobs/reconciliation/runs").then().statusCode(401);
    }

    @Test
    void reportsArePagedNewestFirstAndAnUnknownOneIsNotFound() {
        String first = runReconciliationReportId();
        String second = runReconciliationReportId();
        JsonPath page = admin().get("/v1/admin/reconciliations?limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(second), page.getList("items.id"));
        String cursor = page.getString("nextCursor");
        admin().get("/v1/admin/reconciliations?limit=1&cursor=" + cursor).then().statusCode(200)
                .body("items[0].id", org.hamcrest.Matchers.equalTo(first));
        admin().get("/v1/admin/reconciliations?limit=0").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
        admin().get("/v1/admin/reconciliations/{id}", "999999999").then().statusCode(404);
        admin().get("/v1/admin/reconciliations/{id}", "not-an-id").then().statusCode(404);
    }

    // ---- helpers ----

    private static JsonPath runReconciliation() {
        return admin().post("/v1/admin/jobs/reconciliation/runs").then().statusCode(200).extract().jsonPath();
    }

    private static String runReconciliationReportId() {
        return latestReport(runReconciliation()).getString("id");
    }

    /** The report of {@code run}: the newest one, started when the run started. */
    private static JsonPath latestReport(JsonPath run) {
        JsonPath page = admin().get("/v1/admin/reconciliations?limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(run.getString("startedAt"), page.getString("items[0].startedAt"));
        return new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    /** The account table has no append-only trigger: a native UPDATE is how a bug or a hand would break it. */
    private void tamper(long account, String by) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE account SET available = available + CAST(?1 AS numeric) WHERE member_id = ?2")
                .setParameter(1, by).setParameter(2, account).executeUpdate());
    }

    private void changeLotAmount(long lot, String by) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE lot SET amount = amount + CAST(?1 AS numeric) WHERE id = ?2")
                .setParameter(1, by).setParameter(2, lot).executeUpdate());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult())
                .longValue());
    }
}
