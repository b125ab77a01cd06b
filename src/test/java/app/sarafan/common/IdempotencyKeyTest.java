package app.sarafan.common;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

import app.sarafan.common.hash.Sha256;
import app.sarafan.common.idempotency.IdempotencyRecordsPurge;
import app.sarafan.common.idempotency.IdempotencyWindow;
import app.sarafan.common.json.StoredJson;
import app.sarafan.ledger.AdjustmentRequest;
import app.sarafan.support.ApiTest;
import app.sarafan.support.HeldAccount;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
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

    @Inject
    IdempotencyRecordsPurge purge;

    @Inject
    IdempotencyWindow window;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    StoredJson storedJson;

    @Test
    void aReplayJustInsideTheWindowReplaysEvenAfterThePurge() {
        String eve = newMember();
        String key = UUID.randomUUID().toString();
        Response first = adjustWithKey(eve, key, GIFT);
        first.then().statusCode(201);

        clock.advance(window.retention().minusMinutes(1));
        purge.purgeChunk();

        Response replay = adjustWithKey(eve, key, GIFT);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), replay.asString());
        assertEquals("25.00", available(eve));
    }

    @Test
    void afterTheWindowAndThePurgeTheSameKeyRunsAfresh() {
        String eve = newMember();
        String key = UUID.randomUUID().toString();
        adjustWithKey(eve, key, GIFT).then().statusCode(201);

        clock.advance(window.retention().plusMinutes(1));
        purge.purgeChunk();

        adjustWithKey(eve, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        adjustWithKey(eve, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals("50.00", available(eve));
        assertEquals(2, transactionCount(eve));
    }

    /** The window is exact: a key past it is forgotten although the hourly purge has not deleted it yet. */
    @Test
    void afterTheWindowTheSameKeyRunsAfreshBeforeThePurge() {
        String frank = newMember();
        String key = UUID.randomUUID().toString();
        adjustWithKey(frank, key, GIFT).then().statusCode(201);

        clock.advance(window.retention().plusSeconds(1));

        adjustWithKey(frank, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals("50.00", available(frank));
    }

    @Test
    void theWindowIsSevenDaysAsDocumented() {
        assertEquals(java.time.Duration.ofDays(7), window.retention());
    }

    @Test
    void aKeyOfMoreThan255CharactersIsRefused() {
        String grace = newMember();
        adjustWithKey(grace, "k".repeat(256), GIFT).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals("0.00", available(grace));
    }

    @Test
    void aKeyWithCharactersBeyondVisibleAsciiIsRefused() {
        String grace = newMember();
        adjustWithKey(grace, "cl\u00e9-1", GIFT).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals("0.00", available(grace));
    }

    /**
     * A request whose key is held by one still running (simulated by a transaction holding the key's row) waits
     * for it a little, then answers 409 idempotency-key-in-use; once the other is done, it replays.
     */
    @Test
    void aKeyStillInFlightAnswersInUseThenReplays() throws Exception {
        String henry = newMember();
        String key = UUID.randomUUID().toString();
        Response first = adjustWithKey(henry, key, GIFT);
        first.then().statusCode(201);

        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            try (PreparedStatement hold = running.prepareStatement(
                    "UPDATE idempotency_record SET status = status WHERE idem_key = ?")) {
                hold.setString(1, key);
                assertEquals(1, hold.executeUpdate());
            }
            adjustWithKey(henry, key, GIFT).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/idempotency-key-in-use"))
                    .body("status", equalTo(409));
            running.rollback();
        }

        Response replay = adjustWithKey(henry, key, GIFT);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), replay.asString());
        assertEquals("25.00", available(henry));
    }

    /**
     * A client that gives up on a slow first attempt and retries with the same key, while that attempt still runs,
     * is told 409 idempotency-key-in-use within the in-flight wait (not a 500, not a second effect); once the first
     * attempt is done, the retry replays its answer.
     */
    @Test
    void aRetryWhileTheFirstAttemptStillRunsAnswersInUseThenReplaysIt() throws Exception {
        String karl = newMember();
        String key = UUID.randomUUID().toString();
        CompletableFuture<Response> first;
        try (HeldAccount held = new HeldAccount(dataSource, karl)) {
            first = CompletableFuture.supplyAsync(() -> adjustWithKey(karl, key, GIFT));
            held.waiter();
            adjustWithKey(karl, key, GIFT).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/idempotency-key-in-use"));
        }
        Response answered = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        answered.then().statusCode(201);
        Response replay = adjustWithKey(karl, key, GIFT);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(answered.asString(), replay.asString());
        assertEquals("25.00", available(karl));
        assertEquals(1, transactionCount(karl));
    }

    /** A row written before V17 holds the raw "caller METHOD path" scope; a retry spelt as then replays it. */
    @Test
    void aKeyStoredBeforeTheScopeWasADigestStillReplays() throws Exception {
        String ivy = newMember();
        String key = UUID.randomUUID().toString();
        String caller = "admin:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
        String legacyScope = caller + " POST /v1/admin/members/" + ivy + "/adjustments";
        String body = storedJson.write(mapper.convertValue(GIFT, AdjustmentRequest.class));
        // What the row answers is a real adjustment's answer (of another member), so the replay is told by it.
        String storedAnswer = adjustWithKey(newMember(), UUID.randomUUID().toString(), GIFT).then().statusCode(201)
                .extract().asString();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO idempotency_record (scope, idem_key, request_hash, status, response_body, created_at)
                VALUES (?, ?, ?, 201, ?, now())""")) {
            insert.setString(1, legacyScope);
            insert.setString(2, key);
            insert.setString(3, Sha256.hex(legacyScope, body));
            insert.setString(4, storedAnswer);
            assertEquals(1, insert.executeUpdate());
        }

        String replayed = adjustWithKey(ivy, key, GIFT).then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().asString();
        assertEquals(mapper.readTree(storedAnswer), mapper.readTree(replayed));
        adjustWithKey(ivy, key, Map.of("type", "CREDIT", "amount", "26.00", "reason", "gift"))
                .then().statusCode(409).body("type", endsWith("/idempotency-key-reused"));
        assertEquals("0.00", available(ivy));
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
