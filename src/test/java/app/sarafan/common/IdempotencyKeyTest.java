package app.sarafan.common;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyKeyTest extends ApiTest {

    private static final Map<String, Object> GIFT = Map.of("type", "CREDIT", "amount", "25.00", "reason", "gift");

    private static Response adjustWithKey(String externalId, String key, Map<String, Object> body) {
        return admin().header("Idempotency-Key", key).body(body)
                .post("/v1/admin/members/{id}/adjustments", externalId);
    }

    private static int transactionCount(String externalId) {
        return shop().get("/v1/members/{id}/transactions", externalId).then().extract().path("items.size()");
    }

    @Test
    void aReplayReturnsTheFirstResponseAndWritesNothing() {
        String alice = newMember();
        String key = UUID.randomUUID().toString();
        Response first = adjustWithKey(alice, key, GIFT);
        first.then().statusCode(201);
        Response replay = adjustWithKey(alice, key, GIFT);

        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getString("transaction.id"), replay.jsonPath().getString("transaction.id"));
        assertEquals(first.jsonPath().getString("balance.available"), replay.jsonPath().getString("balance.available"));
        assertEquals(1, transactionCount(alice));
        assertEquals("25.00", available(alice));
    }

    @Test
    void aKeyReusedWithAnotherBodyIsRefused() {
        String bob = newMember();
        String key = UUID.randomUUID().toString();
        adjustWithKey(bob, key, GIFT).then().statusCode(201);
        adjustWithKey(bob, key, Map.of("type", "CREDIT", "amount", "26.00", "reason", "gift"))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        assertEquals(1, transactionCount(bob));
        assertEquals("25.00", available(bob));
    }

    @Test
    void concurrentRetriesWithOneKeyWriteOnce() {
        String carol = newMember();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Response>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(CompletableFuture.supplyAsync(() -> adjustWithKey(carol, key, GIFT)));
        }
        List<String> ids = retries.stream().map(CompletableFuture::join)
                .peek(r -> assertEquals(201, r.statusCode()))
                .map(r -> r.jsonPath().getString("transaction.id")).distinct().toList();
        assertEquals(1, ids.size());
        assertEquals(1, transactionCount(carol));
    }

    @Test
    void aRefusedRequestDoesNotBurnItsKey() {
        String dave = newMember();
        String key = UUID.randomUUID().toString();
        Map<String, Object> spend = Map.of("type", "DEBIT", "amount", "10.00", "reason", "spend");
        adjustWithKey(dave, key, spend).then().statusCode(409);
        credit(dave, "10.00");
        adjustWithKey(dave, key, spend).then().statusCode(201);
        assertEquals("0.00", available(dave));
    }

    @jakarta.inject.Inject
    app.sarafan.common.idempotency.IdempotencyRecordsPurge purge;

    @Test
    void aKeyIsForgottenAfterItsRetention() {
        String eve = newMember();
        String key = UUID.randomUUID().toString();
        adjustWithKey(eve, key, GIFT).then().statusCode(201);
        clock.advance(java.time.Duration.ofDays(6));
        purge.purgeChunk();
        adjustWithKey(eve, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", "true");
        clock.advance(java.time.Duration.ofDays(2));
        purge.purgeChunk();
        adjustWithKey(eve, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        assertEquals("50.00", available(eve));
    }

    @Test
    void memberCreationWithAKeyIsReplayedNotDuplicated() {
        String externalId = "cust-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("externalId", externalId, "email", "x@example.com");
        shop().header("Idempotency-Key", key).body(body).post("/v1/members").then().statusCode(201);
        shop().header("Idempotency-Key", key).body(body).post("/v1/members").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/v1/members/" + externalId))
                .body("externalId", equalTo(externalId));
        shop().body(body).post("/v1/members").then().statusCode(409).body("type", endsWith("/duplicate"));
    }
}
