package app.sarafan.job;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.ledger.BulkSettlement;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SettlementJobsTest extends JobTests {

    @Inject
    SettlementJobs jobs;

    @Inject
    BulkSettlement bulk;

    @Inject
    Ledger ledger;

    private String memberWithLot(String amount, Instant expiresAt) {
        String member = newMember();
        adjust(member, Map.of("type", "CREDIT", "amount", amount, "reason", "test", "expiresAt", expiresAt.toString()))
                .then().statusCode(201);
        return member;
    }

    @Test
    void aLotBurnsAtExactlyItsExpiryAndNotAMicrosecondBefore() {
        Instant expiresAt = clock.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String member = memberWithLot("120.50", expiresAt);

        jobs.expire(expiresAt.minus(1, ChronoUnit.MICROS));
        assertEquals(List.of("ACTIVE"), lotStates(member));
        assertEquals(0, new BigDecimal("120.50").compareTo(storedParts(member)[0]));

        jobs.expire(expiresAt);
        assertEquals(List.of("EXPIRED"), lotStates(member));
        assertEquals(0, BigDecimal.ZERO.compareTo(storedParts(member)[0]));
        assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                + " WHERE m.external_id = ?1 AND t.kind = 'EXPIRY' AND t.amount = -120.50", member));
        assertEquals(1, count("SELECT count(*) FROM domain_event e JOIN member m ON m.id = e.member_id"
                + " WHERE m.external_id = ?1 AND e.type = 'BONUS_EXPIRED' AND e.payload::jsonb ->> 'amount' = '120.50'",
                member));

        clockAt(expiresAt.plusSeconds(1));
        shop().get("/v1/members/{id}/balance", member).then().statusCode(200).body("available", equalTo("0.00"));
        jobs.expire(expiresAt.plusSeconds(1));
        assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                + " WHERE m.external_id = ?1 AND t.kind = 'EXPIRY'", member), "a rerun burns nothing twice");
    }

    @Test
    void pendingBonusesBecomeAvailableWhenTheirHoldEndsUnlessVoided() {
        String kept = newMember();
        String cancelled = newMember();
        adjust(kept, Map.of("type", "CREDIT", "amount", "75.00", "reason", "cashback", "delayDays", 14))
                .then().statusCode(201);
        String voidedTx = adjust(cancelled, Map.of("type", "CREDIT", "amount", "40.00", "reason", "cashback",
                "delayDays", 14)).then().statusCode(201).extract().path("transaction.id");
        ledger.reverse(memberId(cancelled), new Ledger.Reversal(Long.parseLong(voidedTx), new BigDecimal("40.00"),
                new Source(SourceType.ORDER, "order-1", "test"), "order cancelled"));

        Instant due = clock.now().plus(14, ChronoUnit.DAYS).plus(1, ChronoUnit.MINUTES);
        clockAt(due);
        jobs.activate(clock.now());

        assertEquals(List.of("ACTIVE"), lotStates(kept));
        BigDecimal[] parts = storedParts(kept);
        assertEquals(0, new BigDecimal("75.00").compareTo(parts[0]));
        assertEquals(0, BigDecimal.ZERO.compareTo(parts[1]));
        assertEquals(List.of("VOIDED"), lotStates(cancelled));
        assertEquals(0, BigDecimal.ZERO.compareTo(storedParts(cancelled)[0]));
        assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                + " WHERE m.external_id = ?1 AND t.kind = 'ACTIVATION'", kept));
    }

    @Test
    void twoRunsInParallelBurnAndActivateEachLotOnce() throws Exception {
        Instant expiresAt = clock.now().plus(2, ChronoUnit.DAYS);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String member = memberWithLot("10.00", expiresAt);
            adjust(member, Map.of("type", "CREDIT", "amount", "5.00", "reason", "held", "delayDays", 1))
                    .then().statusCode(201);
            members.add(member);
        }
        Instant later = expiresAt.plusSeconds(1);
        clockAt(later);
        race(4, () -> {
            jobs.activate(later);
            return jobs.expire(later).processed;
        });
        for (String member : members) {
            assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                    + " WHERE m.external_id = ?1 AND t.kind = 'EXPIRY'", member));
            assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                    + " WHERE m.external_id = ?1 AND t.kind = 'ACTIVATION'", member));
            assertEquals(0, new BigDecimal("5.00").compareTo(storedParts(member)[0]));
        }
    }

    @Test
    void aRunThatCrashesHalfWayIsFinishedByTheNextOne() {
        Instant expiresAt = clock.now().plus(1, ChronoUnit.DAYS);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(memberWithLot("7.25", expiresAt));
        }
        Instant later = expiresAt.plusSeconds(1);
        clockAt(later);
        bulk.expireChunk(later, 3);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            bulk.expireChunk(later, 4);
            throw new IllegalStateException("the instance dies before the chunk commits");
        }));
        jobs.expire(later);
        for (String member : members) {
            assertEquals(List.of("EXPIRED"), lotStates(member));
            assertEquals(1, count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                    + " WHERE m.external_id = ?1 AND t.kind = 'EXPIRY' AND t.amount = -7.25", member));
        }
    }

    @Test
    void administratorsRunAJobAndSeeWhatItDid() {
        String member = memberWithLot("9.99", clock.now().plus(1, ChronoUnit.HOURS));
        clockAt(clock.now().plus(2, ChronoUnit.HOURS));
        admin().post("/v1/admin/jobs/expiry/runs").then().statusCode(200)
                .body("job", equalTo("expiry"))
                .body("processed", greaterThanOrEqualTo(1))
                .body("chunks", greaterThanOrEqualTo(1));
        assertEquals(List.of("EXPIRED"), lotStates(member));
        admin().post("/v1/admin/jobs/nonsense/runs").then().statusCode(404);
        shop().post("/v1/admin/jobs/expiry/runs").then().statusCode(403);
        io.restassured.RestAssured.given().post("/v1/admin/jobs/expiry/runs").then().statusCode(401);
    }

    @Test
    void administratorsMoveTheClockForwardWhereTheSwitchIsOn() {
        Instant before = clock.now();
        String now = admin().body(Map.of("by", "P2D")).post("/v1/admin/clock/advance").then().statusCode(200)
                .extract().path("now");
        assertEquals(true, Instant.parse(now).isAfter(before.plus(2, ChronoUnit.DAYS)));
        admin().body(Map.of("by", "tomorrow")).post("/v1/admin/clock/advance").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
        admin().body(Map.of("by", "-P1D")).post("/v1/admin/clock/advance").then().statusCode(400);
        shop().body(Map.of("by", "P1D")).post("/v1/admin/clock/advance").then().statusCode(403);
    }
}
