package app.sarafan.massop;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * A cancel half-way, step by step: another instance (played by this test) holds the operation and runs two chunks
 * of five members; the administrator cancels; that instance's next chunk does not run; once its lease is gone the
 * operation ends CANCELLED, every member either fully credited or untouched.
 */
@QuarkusTest
class MassOperationCancelTest extends MassOperationTestSupport {

    private static final String OTHER_INSTANCE = "instance-being-cancelled";

    @Inject
    MassOperations operations;

    @Inject
    MassOperationRuns runs;

    @Inject
    MemberChunks chunks;

    @Inject
    EntityManager em;

    @Test
    void aCancelHalfWayStopsAfterTheCurrentChunkAndLeavesEveryMemberFullyDoneOrUntouched() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(newMember());
        }
        MassOperationRequest request = new MassOperationRequest(MassOperationType.CREDIT, key(),
                new java.math.BigDecimal("40.00"), "Holiday gift", members, null, null, null, null);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            long accepted = Long.parseLong(operations.submit(request, null, "admin:test").operation().id());
            em.createNativeQuery("""
                            UPDATE mass_operation SET status = 'RUNNING', owner = ?2,
                                   lease_until = clock_timestamp() + INTERVAL '1 hour' WHERE id = ?1""")
                    .setParameter(1, accepted).setParameter(2, OTHER_INSTANCE).executeUpdate();
            return accepted;
        });
        MassOperationRuns.Claim claim = new MassOperationRuns.Claim(id, MassOperationType.CREDIT,
                new java.math.BigDecimal("40.00"), "Holiday gift", null, null, false, "admin:test");
        assertEquals(MemberChunks.Result.RAN, chunks.run(claim, OTHER_INSTANCE, runs.pending(id, 5)));
        assertEquals(MemberChunks.Result.RAN, chunks.run(claim, OTHER_INSTANCE, runs.pending(id, 5)));

        admin().post(PATH + "/{id}/cancel", id).then().statusCode(200)
                .body("status", equalTo("CANCELLING")).body("done", equalTo(10)).body("pending", equalTo(20));
        admin().post(PATH + "/{id}/cancel", id).then().statusCode(200).body("status", equalTo("CANCELLING"));
        assertEquals(MemberChunks.Result.CANCEL_REQUESTED, chunks.run(claim, OTHER_INSTANCE, runs.pending(id, 5)),
                "the instance runs no chunk after the cancel");

        // That instance stops; this one takes the operation over and ends the cancel.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        UPDATE mass_operation SET lease_until = clock_timestamp() - INTERVAL '1 second' WHERE id = ?1""")
                .setParameter(1, id).executeUpdate());
        JsonPath end = awaitFinished(PATH + "/" + id);

        assertEquals(List.of("CANCELLED", 30, 10, 0, 20, 0), List.of(end.getString("status"), end.getInt("total"),
                end.getInt("done"), end.getInt("failed"), end.getInt("skipped"), end.getInt("pending")));
        JsonPath report = report(String.valueOf(id));
        for (int i = 0; i < members.size(); i++) {
            Map<String, Object> line = line(report, members.get(i));
            if (i < 10) {
                assertEquals("DONE", line.get("status"));
                assertEquals("40.00", available(members.get(i)));
            } else {
                assertEquals(List.of("SKIPPED", "OPERATION_CANCELLED"), List.of(line.get("status"), line.get("reason")));
                assertEquals("0.00", available(members.get(i)));
            }
        }
        admin().post(PATH + "/{id}/cancel", id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aQueuedOperationIsCancelledAtOnceAndAFinishedOneCannotBe() {
        String anna = newMember();
        MassOperationRequest request = new MassOperationRequest(MassOperationType.CREDIT, key(),
                new java.math.BigDecimal("5.00"), "Gift", List.of(anna), null, null, null, null);
        // Cancelled in the transaction that accepted it, so that no worker can start it first.
        MassOperationView cancelled = QuarkusTransaction.requiringNew().call(() -> operations.cancel(
                operations.submit(request, null, "admin:test").operation().id(), "admin:test"));
        assertEquals(List.of(MassOperationStatus.CANCELLED, 1, 0), List.of(cancelled.status(), cancelled.skipped(),
                cancelled.pending()));
        admin().get(PATH + "/{id}", cancelled.id()).then().statusCode(200).body("status", equalTo("CANCELLED"));
        sleep(1_200);
        assertEquals("0.00", available(anna));

        JsonPath done = run(credit(key(), "5.00", List.of(anna)));
        admin().post(PATH + "/{id}/cancel", done.getString("id")).then().statusCode(409)
                .body("type", equalTo("https://sarafan.app/problems/wrong-state"))
                .body("operationStatus", equalTo("COMPLETED"));
    }
}
