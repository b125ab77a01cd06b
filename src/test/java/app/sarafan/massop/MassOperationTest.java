package app.sarafan.massop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MassOperationTest extends MassOperationTestSupport {

    @Inject
    EntityManager em;

    @Test
    void anAccrualCreditsEachListedMemberOnceAndARepeatWithTheSameKeyChangesNothing() {
        String anna = newMember();
        String ivan = newMember();
        String blocked = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", blocked).then().statusCode(200);
        String key = key();
        Map<String, Object> body = credit(key, "150.00", List.of(anna, ivan, anna, "cust-nobody-" + key, blocked));
        body.put("lifetimeDays", 30);

        Response accepted = post(body);
        accepted.then().statusCode(202).header("Location", containsString(PATH + "/"))
                .body("status", equalTo("QUEUED")).body("total", equalTo(4)).body("failed", equalTo(1));
        JsonPath done = awaitFinished(accepted.header("Location"));

        assertEquals(List.of("COMPLETED", 4, 2, 1, 1, 0), List.of(done.getString("status"), done.getInt("total"),
                done.getInt("done"), done.getInt("failed"), done.getInt("skipped"), done.getInt("pending")));
        assertEquals("150.00", available(anna));
        assertEquals("150.00", available(ivan));
        assertEquals("0.00", available(blocked));
        String expiresAt = shop().get("/v1/members/{id}/transactions", anna).then().statusCode(200)
                .extract().path("items[0].expiresAt");
        assertTrue(expiresAt != null, "the lifetime is applied");

        Response repeated = post(body);
        repeated.then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("Location", accepted.header("Location"))
                .body("id", equalTo(done.getString("id")));
        awaitFinished(repeated.header("Location"));
        assertEquals("150.00", available(anna), "the repeat credits nothing");
        assertEquals(1, massTransactions(done.getString("id"), anna));

        Map<String, Object> other = new HashMap<>(body);
        other.put("amount", "200.00");
        post(other).then().statusCode(409).body("type", equalTo("https://sarafan.app/problems/idempotency-key-reused"));

        Map<String, Object> viaHeader = new HashMap<>(body);
        viaHeader.remove("operationKey");
        admin().header("Idempotency-Key", key).body(viaHeader).post(PATH).then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(done.getString("id")));
    }

    @Test
    void theReportListsEachMemberWithTheReasonOfEveryFailureAsJsonAndCsv() {
        String anna = newMember();
        String blocked = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", blocked).then().statusCode(200);
        String unknown = "cust-nobody-" + UUID.randomUUID();
        JsonPath done = run(credit(key(), "10.00", List.of(anna, unknown, blocked)));
        String id = done.getString("id");

        JsonPath report = report(id);
        assertEquals(id, report.getString("operation.id"));
        assertEquals(List.of(anna, unknown, blocked), report.getList("items.externalId"));
        assertEquals("DONE", line(report, anna).get("status"));
        assertTrue(line(report, anna).get("transactionId") != null);
        assertEquals(List.of("FAILED", "UNKNOWN_MEMBER"), List.of(line(report, unknown).get("status"),
                line(report, unknown).get("reason")));
        assertEquals(List.of("SKIPPED", "MEMBER_BLOCKED"), List.of(line(report, blocked).get("status"),
                line(report, blocked).get("reason")));

        String csv = admin().accept("text/csv").get(PATH + "/{id}/report", id).then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("externalId,status,reason,detail,transactionId", lines[0]);
        assertEquals(unknown + ",FAILED,UNKNOWN_MEMBER,,", lines[2]);
        assertEquals(blocked + ",SKIPPED,MEMBER_BLOCKED,The member is blocked,", lines[3]);
        assertEquals(csv, admin().get(PATH + "/{id}/report?format=csv", id).then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aDebitWithInsufficientBalanceFailsThatMemberOnly() {
        String rich = newMember();
        String poor = newMember();
        credit(rich, "50.00");
        credit(poor, "10.00");
        Map<String, Object> body = credit(key(), "30.00", List.of(rich, poor));
        body.put("type", "DEBIT");
        body.put("reason", "Correction of a duplicated promotion");

        JsonPath done = run(body);

        assertEquals(List.of(1, 1, 0), List.of(done.getInt("done"), done.getInt("failed"), done.getInt("skipped")));
        assertEquals("20.00", available(rich));
        assertEquals("10.00", available(poor), "never overdrawn");
        JsonPath report = report(done.getString("id"));
        assertEquals(List.of("FAILED", "INSUFFICIENT_BALANCE", "Requested 30.00 but only 10.00 is available"),
                List.of(line(report, poor).get("status"), line(report, poor).get("reason"),
                        line(report, poor).get("detail")));
        String kind = shop().get("/v1/members/{id}/transactions", rich).then().extract().path("items[0].sourceType");
        assertEquals("MASS_OPERATION", kind);
    }

    @Test
    void aFilterSelectsTheMembersRegisteredInAPeriodWithABirthdayInTheMonth() {
        String window = "2003-0" + (1 + (int) (Math.random() * 9)) + "-1" + (int) (Math.random() * 10) + "T"
                + String.format("%02d:%02d", (int) (Math.random() * 24), (int) (Math.random() * 60));
        String inMarch = registered(window + ":10Z", "1990-03-15");
        String inApril = registered(window + ":20Z", "1990-04-15");
        String later = registered(window + ":59Z", "1991-03-01");
        Map<String, Object> body = credit(key(), "500.00", null);
        body.remove("members");
        body.put("filter", Map.of("registeredFrom", window + ":00Z", "registeredTo", window + ":30Z",
                "birthdayMonth", 3, "blocked", false, "hasReferrer", false, "minBalance", "0.00"));
        body.put("delayDays", 14);

        JsonPath done = run(body);

        assertEquals(List.of(1, 1), List.of(done.getInt("total"), done.getInt("done")));
        assertEquals(3, done.getInt("filter.birthdayMonth"));
        JsonPath march = shop().get("/v1/members/{id}/balance", inMarch).then().extract().jsonPath();
        assertEquals(List.of("0.00", "500.00"), List.of(march.getString("available"), march.getString("pending")),
                "delayDays holds the credit");
        assertEquals("0.00", available(inApril));
        assertEquals("0.00", available(later));
    }

    @Test
    void aCrashedChunkRunAgainNeverCreditsAMemberTwice() {
        String anna = newMember();
        JsonPath done = run(credit(key(), "70.00", List.of(anna)));
        long id = Long.parseLong(done.getString("id"));
        // As if an instance died after its credit committed but a stalled one still found the member PENDING.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE mass_operation_item SET status = 'PENDING' WHERE operation_id = ?1")
                    .setParameter(1, id).executeUpdate();
            em.createNativeQuery("""
                            UPDATE mass_operation SET status = 'RUNNING', done = 0, owner = 'dead',
                                   lease_until = clock_timestamp() - INTERVAL '1 second' WHERE id = ?1""")
                    .setParameter(1, id).executeUpdate();
        });

        JsonPath again = awaitFinished(PATH + "/" + id);

        assertEquals(1, again.getInt("done"));
        assertEquals("70.00", available(anna));
        assertEquals(1, massTransactions(String.valueOf(id), anna));
    }

    @Test
    void aCancelRacingTheWorkerLeavesEveryMemberFullyDoneOrUntouched() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(newMember());
        }
        String location = post(credit(key(), "25.00", members)).then().statusCode(202).extract().header("Location");
        while ("QUEUED".equals(admin().get(location).then().extract().path("status"))) {
            sleep(5);
        }
        // Whenever it lands: mid-run it stops the operation, after the last chunk it is too late (409).
        given().header("X-Api-Key", ADMIN_KEY).post(location + "/cancel").then()
                .statusCode(anyOf(is(200), is(409)));

        JsonPath end = awaitFinished(location);
        JsonPath report = report(end.getString("id"));

        int done = 0;
        for (String member : members) {
            Map<String, Object> line = line(report, member);
            if ("DONE".equals(line.get("status"))) {
                done++;
                assertEquals("25.00", available(member));
                assertEquals(1, massTransactions(end.getString("id"), member));
            } else {
                assertEquals(List.of("SKIPPED", "OPERATION_CANCELLED"), List.of(line.get("status"), line.get("reason")));
                assertEquals("CANCELLED", end.getString("status"));
                assertEquals("0.00", available(member));
                assertEquals(0, massTransactions(end.getString("id"), member));
            }
        }
        assertEquals(List.of(done, 40 - done, 0), List.of(end.getInt("done"), end.getInt("skipped"),
                end.getInt("pending")));
    }

    private String registered(String registeredAt, String birthday) {
        String externalId = "cust-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "birthday", birthday,
                "registeredAt", registeredAt)).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    private long massTransactions(String operationId, String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id
                        WHERE t.source_type = 'MASS_OPERATION' AND t.source_id = ?1 AND m.external_id = ?2""")
                .setParameter(1, operationId).setParameter(2, externalId).getSingleResult()).longValue());
    }
}
