package app.sarafan.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Thresholds 7 and 1 days (the default): one email per threshold and lot, nothing for bonuses already spent. */
@QuarkusTest
class ExpiryWarningsTest extends JobTests {

    @Inject
    Jobs jobs;

    private void lot(String member, String amount, Instant expiresAt) {
        adjust(member, Map.of("type", "CREDIT", "amount", amount, "reason", "test", "expiresAt", expiresAt.toString()))
                .then().statusCode(201);
    }

    @SuppressWarnings("unchecked")
    private List<String> warnings(String member) {
        return em.createNativeQuery("""
                SELECT (n.payload::jsonb ->> 'thresholdDays') || ':' || (n.payload::jsonb ->> 'amount')
                FROM notification n JOIN member m ON m.id = n.member_id
                WHERE m.external_id = ?1 AND n.kind = 'EXPIRY_WARNING' ORDER BY n.id""")
                .setParameter(1, member).getResultList();
    }

    @Test
    void eachThresholdWarnsOncePerLot() {
        String member = newMember();
        Instant start = clock.now();
        lot(member, "100.00", start.plus(10, ChronoUnit.DAYS));
        lot(member, "50.00", start.plus(5, ChronoUnit.DAYS));
        lot(member, "20.00", start.plus(6, ChronoUnit.DAYS));

        jobs.run(JobName.EXPIRY_WARNINGS);
        jobs.run(JobName.EXPIRY_WARNINGS);
        assertEquals(List.of("7:70.00"), warnings(member), "one email for both lots in the 7-day window");

        clockAt(start.plus(4, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS));
        jobs.run(JobName.EXPIRY_WARNINGS);
        admin().post("/v1/admin/jobs/expiry-warnings/runs").then().statusCode(200);
        assertEquals(List.of("7:70.00", "1:50.00", "7:100.00"), warnings(member));

        clockAt(start.plus(9, ChronoUnit.DAYS).plus(6, ChronoUnit.HOURS));
        jobs.run(JobName.EXPIRY_WARNINGS);
        jobs.run(JobName.EXPIRY_WARNINGS);
        assertEquals(List.of("7:70.00", "1:50.00", "7:100.00", "1:100.00"), warnings(member),
                "the 20.00 lot was past its 1-day window only after it burnt; the 100.00 lot now gets its last warning");
    }

    @Test
    void aLotGrantedInsideTheLastDayGetsOnlyTheLastWarning() {
        String member = newMember();
        lot(member, "30.00", clock.now().plus(12, ChronoUnit.HOURS));
        jobs.run(JobName.EXPIRY_WARNINGS);
        assertEquals(List.of("1:30.00"), warnings(member));
    }

    @Test
    void spentBonusesAreNotWarnedAbout() {
        String member = newMember();
        lot(member, "30.00", clock.now().plus(3, ChronoUnit.DAYS));
        adjust(member, Map.of("type", "DEBIT", "amount", "30.00", "reason", "spent")).then().statusCode(201);
        jobs.run(JobName.EXPIRY_WARNINGS);
        assertEquals(List.of(), warnings(member));
    }
}
