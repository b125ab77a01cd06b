package app.sarafan.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.sarafan.common.security.StandardWebhooks;
import app.sarafan.deploy.TwoInstances.Instance;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8 item 3: two packaged instances of Sarafan on one PostgreSQL, raced through HTTP. Runs in the
 * integration-test phase of {@code ./sarafan test} ({@code mvn verify}), after {@code package} built the jar.
 * The job tests need POST /v1/admin/jobs/{name}/runs and skip while the service answers 404 there.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TwoInstancesIT {

    private static TwoInstances cluster;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        cluster = new TwoInstances();
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The ledger invariant, checked by the service's own reconciliation job on instance b (a is stopped by the last
     * test): every account, then the program. Its report must be this run's, finished, with no violation.
     */
    @AfterEach
    void ledgerInvariantHolds() throws Exception {
        Response run = runJob(cluster.b, "reconciliation");
        run.then().statusCode(200);
        var report = cluster.b.admin().get("/v1/admin/reconciliations?limit=1").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(run.path("startedAt"), report.getString("items[0].startedAt"), "the report of this run");
        assertEquals("FINISHED", report.getString("items[0].status"));
        assertEquals(count("SELECT count(*) FROM account WHERE CAST(? AS text) IS NOT NULL", "all"),
                report.getLong("items[0].accountsChecked"), "every account is checked");
        assertEquals(List.of(), report.getList("items[0].violations"), "ledger invariant");
        assertEquals(0L, report.getLong("items[0].violationCount"), "ledger invariant");
    }

    @Test
    void racingDebitsThroughBothInstancesNeverOverdraw() throws Exception {
        String member = newMember(cluster.a);
        adjust(cluster.a, member, "CREDIT", "100.00", null).then().statusCode(201);
        // 24 debits of 7.00 (168.00 asked for 100.00 held), half through each instance, released at one instant.
        List<Integer> answers = race(24, i -> adjust(i % 2 == 0 ? cluster.a : cluster.b, member, "DEBIT", "7.00",
                null).statusCode());
        long debited = answers.stream().filter(s -> s == 201).count();
        assertTrue(answers.stream().allMatch(s -> s == 201 || s == 409), "only successes and refusals: " + answers);
        assertEquals(14, debited, "100.00 covers exactly 14 debits of 7.00: " + answers);
        assertEquals("2.00", available(cluster.b, member));
        assertEquals("2.00", available(cluster.a, member));
        assertEquals(new BigDecimal("2.00"), sumOfTransactions(member));
        String token = cluster.a.shop().body(Map.of("externalId", member)).post("/v1/member-tokens").then()
                .statusCode(201).extract().path("token");
        assertEquals("2.00", given().baseUri(cluster.b.url()).header("Authorization", "Bearer " + token)
                .get("/v1/me/balance").then().statusCode(200).extract().path("available"),
                "a member token signed by one instance is good on the other");
    }

    @Test
    void oneIdempotencyKeyRacedThroughBothInstancesDebitsOnce() throws Exception {
        String member = newMember(cluster.b);
        adjust(cluster.b, member, "CREDIT", "50.00", null).then().statusCode(201);
        String key = "debit-" + UUID.randomUUID();
        List<Integer> answers = race(8, i -> adjust(i % 2 == 0 ? cluster.a : cluster.b, member, "DEBIT", "30.00",
                key).statusCode());
        // The winner answers 201; the others replay it (201) or are told it is still in progress (409).
        assertTrue(answers.contains(201) && answers.stream().allMatch(s -> s == 201 || s == 409), answers::toString);
        assertEquals("20.00", available(cluster.a, member));
        assertEquals(new BigDecimal("20.00"), sumOfTransactions(member));
    }

    @Test
    void theSameShopEventSentToBothAtOnceIsAppliedOnce() throws Exception {
        String rule = cluster.a.admin().body(Map.of("name", "Two instances: cashback 5 %", "profile", "ORDER_PAID",
                        "priority", 1000, "rewards",
                        List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))))
                .post("/v1/admin/rules").then().statusCode(201).extract().path("id");
        try {
            String member = newMember(cluster.a);
            String body = "{\"type\":\"ORDER_PAID\",\"memberId\":\"" + member
                    + "\",\"order\":{\"id\":\"ord-" + member + "\",\"total\":\"1234.50\"}}";
            String eventId = "evt_" + UUID.randomUUID();
            List<Integer> answers = race(6, i -> signedEvent(i % 2 == 0 ? cluster.a : cluster.b, eventId, body)
                    .statusCode());
            assertTrue(answers.contains(200) && answers.stream().allMatch(s -> s == 200 || s == 409),
                    answers::toString);
            assertEquals("61.73", available(cluster.b, member), "5 % of 1234.50, once");
            assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                    + " WHERE m.external_id = ? AND t.kind = 'ACCRUAL'", member));
        } finally {
            deactivate(rule);
        }
    }

    @Test
    void expiryRacedOnBothInstancesBurnsEachLotOnce() throws Exception {
        requireJobs();
        List<String> members = membersWithBonusesBurningSoon(20, "12.34");
        List<Response> runs = raceJob("expiry");
        runs.forEach(run -> run.then().statusCode(200));
        for (String member : members) {
            assertEquals("0.00", available(cluster.a, member), member);
            assertEquals(1, transactions(member, "EXPIRY"), member);
        }
        assertEquals(new BigDecimal("0.00"), sumOfTransactions(members));
        assertEquals(0L, ((Number) runJob(cluster.b, "expiry").path("processed")).longValue(), "nothing left to burn");
    }

    @Test
    void activationRacedOnBothInstancesActivatesEachLotOnce() throws Exception {
        requireJobs();
        List<String> members = membersCredited(20,
                Map.of("type", "CREDIT", "amount", "8.20", "reason", "delayed", "delayDays", 1));
        // Business time cannot be moved in a packaged instance; the hold period ends by moving the lots instead.
        execute("UPDATE lot SET available_from = now() - interval '1 minute' WHERE state = 'PENDING' AND account_id"
                + " IN (SELECT id FROM member WHERE external_id = ANY (?))", members);
        raceJob("activation").forEach(run -> run.then().statusCode(200));
        for (String member : members) {
            assertEquals("8.20", available(cluster.b, member), member);
            assertEquals(1, transactions(member, "ACTIVATION"), member);
        }
    }

    @Test
    void expiryWarningsRacedOnBothInstancesEmailEachLotOnce() throws Exception {
        requireJobs();
        List<String> members = membersCredited(10,
                Map.of("type", "CREDIT", "amount", "15.00", "reason", "burns in 3 days", "lifetimeDays", 3));
        raceJob("expiry-warnings").forEach(run -> run.then().statusCode(200));
        for (String member : members) {
            assertEquals(1, count("SELECT count(*) FROM expiry_warning w JOIN lot l ON l.id = w.lot_id"
                    + " JOIN member m ON m.id = l.account_id WHERE m.external_id = ?", member), member);
            assertEquals(1, count("SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id"
                    + " WHERE m.external_id = ? AND n.kind ILIKE '%EXPIR%'", member), member);
        }
    }

    @Test
    void birthdaysRacedOnBothInstancesGrantNothingTwice() throws Exception {
        requireJobs();
        raceJob("birthdays").forEach(run -> run.then().statusCode(200));
        assertEquals(0, count("SELECT count(*) FROM (SELECT member_id, birthday_year FROM birthday_grant"
                + " WHERE CAST(? AS text) IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) twice", "any"));
        assertEquals(0L, ((Number) runJob(cluster.a, "birthdays").path("written")).longValue(),
                "a rerun finds nothing left to grant");
    }

    /** Runs last (methods run by name): it stops instance a for good. */
    @Test
    void zzStoppingAnInstanceInTheMiddleOfAJobLosesNothingAndTheOtherFinishesIt() throws Exception {
        requireJobs();
        List<String> members = membersWithBonusesBurningSoon(150, "3.33");
        CompletableFuture<Integer> interrupted = CompletableFuture.supplyAsync(() -> {
            try {
                return runJob(cluster.a, "expiry").statusCode();
            } catch (Exception e) { // rest-assured rethrows the I/O error of the dying connection unchecked
                return -1;
            }
        });
        Thread.sleep(300);
        TwoInstances.kill(cluster.a);
        interrupted.join();
        runJob(cluster.b, "expiry").then().statusCode(200);
        for (String member : members) {
            assertEquals("0.00", available(cluster.b, member), member);
            assertEquals(1, transactions(member, "EXPIRY"), member);
        }
        assertEquals(new BigDecimal("0.00"), sumOfTransactions(members));
    }

    // ---- helpers ----

    private static void requireJobs() {
        int status = cluster.a.admin().post("/v1/admin/jobs/{name}/runs", "no-such-job").statusCode();
        int known = cluster.a.admin().post("/v1/admin/jobs/{name}/runs", "birthdays").statusCode();
        assumeTrue(known != 404, "POST /v1/admin/jobs/{name}/runs answers 404 (status for an unknown job: " + status
                + "): the jobs feature is not in this build yet, so the two-instance job tests are skipped");
    }

    private static List<String> membersWithBonusesBurningSoon(int n, String amount) throws Exception {
        List<String> members = membersCredited(n,
                Map.of("type", "CREDIT", "amount", amount, "reason", "burns soon", "lifetimeDays", 30));
        // Business time cannot be moved in a packaged instance; the lifetime ends by moving the lots instead.
        execute("UPDATE lot SET expires_at = now() - interval '1 minute' WHERE state = 'ACTIVE' AND account_id"
                + " IN (SELECT id FROM member WHERE external_id = ANY (?))", members);
        return members;
    }

    /** New members, every other one through each instance, each credited by {@code credit}. */
    private static List<String> membersCredited(int n, Map<String, Object> credit) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instance instance = i % 2 == 0 ? cluster.a : cluster.b;
            String member = newMember(instance);
            instance.admin().body(credit).post("/v1/admin/members/{id}/adjustments", member).then().statusCode(201);
            members.add(member);
        }
        return members;
    }

    private static Response runJob(Instance instance, String job) {
        return instance.admin().post("/v1/admin/jobs/{name}/runs", job);
    }

    private static List<Response> raceJob(String job) throws Exception {
        List<Response> runs = new ArrayList<>();
        race(2, i -> {
            Response run = runJob(i == 0 ? cluster.a : cluster.b, job);
            synchronized (runs) {
                runs.add(run);
            }
            return run.statusCode();
        });
        return runs;
    }

    private interface Racer {
        int run(int index) throws Exception;
    }

    /** Racers released at one instant; answers what each answered, in racer order. */
    private static List<Integer> race(int racers, Racer racer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int index = i;
                Callable<Integer> call = () -> {
                    start.await();
                    return racer.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static String newMember(Instance instance) {
        String externalId = "cust-" + UUID.randomUUID();
        instance.shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com"))
                .post("/v1/members").then().statusCode(201);
        return externalId;
    }

    private static Response adjust(Instance instance, String member, String type, String amount, String key) {
        var request = instance.admin().body(Map.of("type", type, "amount", amount, "reason", "two instances"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/admin/members/{id}/adjustments", member);
    }

    private static String available(Instance instance, String member) {
        return instance.shop().get("/v1/members/{id}/balance", member).then().statusCode(200).extract()
                .path("available");
    }

    private static Response signedEvent(Instance instance, String id, String body) {
        long now = Instant.now().getEpochSecond();
        return instance.shop().contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", StandardWebhooks.sign(TwoInstances.EVENT_SECRET, id, now, body))
                .body(body).post("/v1/events");
    }

    private static void deactivate(String rule) {
        var current = cluster.a.admin().get("/v1/admin/rules/{id}", rule).then().statusCode(200).extract();
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = new java.util.HashMap<>((Map<String, Object>) current.path("definition"));
        definition.put("active", false);
        definition.values().removeIf(java.util.Objects::isNull);
        cluster.a.admin().header("If-Match", "\"" + current.path("version") + "\"").body(definition)
                .put("/v1/admin/rules/{id}", rule).then().statusCode(200);
    }

    private static BigDecimal sumOfTransactions(String... members) throws Exception {
        return sumOfTransactions(List.of(members));
    }

    private static BigDecimal sumOfTransactions(List<String> members) throws Exception {
        try (Connection db = cluster.sql(); PreparedStatement query = db.prepareStatement(
                "SELECT COALESCE(SUM(t.amount), 0.00) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                        + " WHERE m.external_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("varchar", members.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBigDecimal(1).setScale(2);
            }
        }
    }

    private static int transactions(String member, String kind) throws Exception {
        return count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                + " WHERE m.external_id = ? AND t.kind = '" + kind + "'", member);
    }

    private static int count(String sql, String parameter) throws Exception {
        try (Connection db = cluster.sql(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void execute(String sql, List<String> members) throws Exception {
        try (Connection db = cluster.sql(); PreparedStatement update = db.prepareStatement(sql)) {
            update.setArray(1, db.createArrayOf("varchar", members.toArray()));
            update.executeUpdate();
        }
    }
}
