package app.sarafan.referral.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * Several instances and crashes: an import held by another (live) instance is left alone; once that instance's
 * lease runs out — it died — this instance takes the import over and continues with the rows not yet done.
 */
@QuarkusTest
class ImportTakeoverTest extends ImportTestSupport {

    @Inject
    Imports imports;

    @Inject
    EntityManager em;

    @Test
    void anImportOfADeadInstanceIsTakenOverAndResumedWhereItStopped() {
        String csv = """
                externalId,referrerExternalId,email,balance
                %1$sb,%1$sa,b@example.com,20.00
                %1$sa,,a@example.com,10.00
                %1$sc,%1$sb,c@example.com,30.00
                """.formatted(run);
        // Another instance claimed the import as it was accepted, imported the first row in its order (a), and
        // holds it for an hour.
        String id = QuarkusTransaction.requiringNew().call(() -> {
            String accepted = imports.submit(ImportFormat.CSV, csv, "admin:test").id();
            em.createNativeQuery("""
                            UPDATE member_import SET status = 'RUNNING', owner = 'instance-that-dies',
                                   lease_until = clock_timestamp() + INTERVAL '1 hour'
                            WHERE id = ?1""").setParameter(1, Long.parseLong(accepted)).executeUpdate();
            return accepted;
        });
        shop().body(java.util.Map.of("externalId", id("a"), "email", "a@example.com")).post("/v1/members")
                .then().statusCode(201);
        credit(id("a"), "10.00");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        UPDATE member_import_row SET status = 'IMPORTED' WHERE import_id = ?1 AND position = 0""")
                .setParameter(1, Long.parseLong(id)).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE member_import SET imported = 1 WHERE id = ?1")
                .setParameter(1, Long.parseLong(id)).executeUpdate());

        sleep(1_000);
        JsonPath held = admin().get("/v1/admin/imports/{id}", id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("RUNNING", 1, 2), List.of(held.getString("status"), held.getInt("imported"),
                held.getInt("pending")), "a live lease is respected");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        UPDATE member_import SET lease_until = clock_timestamp() - INTERVAL '1 second'
                        WHERE id = ?1""").setParameter(1, Long.parseLong(id)).executeUpdate());
        JsonPath done = awaitCompleted("/v1/admin/imports/" + id);

        assertEquals(List.of(3, 0, 0), List.of(done.getInt("imported"), done.getInt("skipped"),
                done.getInt("rejected")));
        assertEquals("10.00", available(id("a")), "the row done before the crash is not run again");
        assertEquals("20.00", available(id("b")));
        assertEquals("30.00", available(id("c")));
        assertEquals(id("a"), referrerOf(id("b")));
        assertEquals(id("b"), referrerOf(id("c")));
    }
}
