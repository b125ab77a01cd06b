package app.sarafan.job;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.sarafan.support.ApiTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** What the job tests share: members with a birthday and time zone, reading the database without settling it. */
abstract class JobTests extends ApiTest {

    @Inject
    EntityManager em;

    static String newMember(String birthday, String timeZone, String locale) {
        String externalId = "cust-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("externalId", externalId, "email", externalId + "@example.com",
                "timeZone", timeZone, "locale", locale, "name", "Anna"));
        if (birthday != null) {
            body.put("birthday", birthday);
        }
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON).body(body).post("/v1/members")
                .then().statusCode(201);
        return externalId;
    }

    /** Sets business time to {@code at} (a few microseconds later by the time it is read). */
    void clockAt(Instant at) {
        clock.advance(Duration.between(clock.now(), at));
    }

    long memberId(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT id FROM member WHERE external_id = ?1").setParameter(1, externalId).getSingleResult())
                .longValue());
    }

    /** The account's stored parts, as they are without settling: {available, pending}. */
    BigDecimal[] storedParts(String externalId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT a.available, a.pending FROM account a JOIN member m ON m.id = a.member_id"
                        + " WHERE m.external_id = ?1").setParameter(1, externalId).getSingleResult());
        return new BigDecimal[] {(BigDecimal) row[0], (BigDecimal) row[1]};
    }

    @SuppressWarnings("unchecked")
    List<String> lotStates(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT l.state FROM lot l JOIN member m ON m.id = l.account_id WHERE m.external_id = ?1 ORDER BY l.id")
                .setParameter(1, externalId).getResultList());
    }

    long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /** Runs the same work on {@code threads} threads released at once; answers their results. */
    static <T> List<T> race(int threads, Callable<T> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
