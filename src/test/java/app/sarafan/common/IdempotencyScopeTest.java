package app.sarafan.common;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import app.sarafan.support.ApiTest;
import app.sarafan.support.Race;
import app.sarafan.support.TestRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key belongs to the caller, the operation and the decoded resource: every spelling of one path is
 * one request, however many arrive at once, and no legal identifier makes the stored scope overflow.
 */
@QuarkusTest
class IdempotencyScopeTest extends ApiTest {

    private static final Map<String, Object> GIFT = Map.of("type", "CREDIT", "amount", "25.00", "reason", "gift");

    private final TestRules rules = new TestRules();

    @AfterEach
    void takeRulesOutOfForce() {
        rules.deactivateAll();
    }

    /** A member whose externalId has the characters that can be spelt several ways in a path. */
    private static String newMemberWithColonAndAt() {
        String externalId = "cust@x:1-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", "colon@example.com")).post("/v1/members")
                .then().statusCode(201);
        return externalId;
    }

    /** The same path spelt as sent, byte for byte: rest-assured must not encode it again. */
    private static Response adjustAt(String rawPath, String key) {
        return RestAssured.given().urlEncodingEnabled(false).header("X-Api-Key", ADMIN_KEY)
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(GIFT).post(rawPath);
    }

    private static List<String> spellings(String externalId) {
        String at = externalId.replace("@", "%40");
        return List.of(
                "/v1/admin/members/" + externalId + "/adjustments",
                "/v1/admin/members/" + at + "/adjustments",
                "/v1/admin/members/" + externalId.replace(":", "%3A") + "/adjustments",
                "/v1/admin/members/" + at.replace(":", "%3a") + "/adjustments",
                "/v1/admin/members/" + at.replace(":", "%3A").replace("c", "%63") + "/adjustments");
    }

    private static int historyEntries(String externalId) {
        return shop().get("/v1/members/{id}/transactions", externalId).then().statusCode(200)
                .extract().path("items.size()");
    }

    /** Every answer the same status and body, exactly one of them the first (not replayed). */
    private static void assertOneAnswer(List<Response> answers) {
        Response first = answers.get(0);
        for (Response answer : answers) {
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals(first.asString(), answer.asString());
        }
        assertEquals(1, answers.stream().filter(a -> a.header("Idempotent-Replayed") == null).count());
        assertEquals(answers.size() - 1,
                answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed"))).count());
    }

    @Test
    void concurrentSpellingsOfOneMembersPathCreditOnce() throws Exception {
        String externalId = newMemberWithColonAndAt();
        List<String> paths = spellings(externalId);
        String key = UUID.randomUUID().toString();
        AtomicInteger next = new AtomicInteger();
        Queue<Response> answers = new ConcurrentLinkedQueue<>();

        Map<Integer, Integer> statuses = Race.answers(2 * paths.size(), () -> {
            Response answer = adjustAt(paths.get(next.getAndIncrement() % paths.size()), key);
            answers.add(answer);
            return answer.statusCode();
        });

        assertEquals(Map.of(201, 2 * paths.size()), statuses);
        assertOneAnswer(new ArrayList<>(answers));
        assertEquals("25.00", available(externalId));
        assertEquals(1, historyEntries(externalId));
    }

    @Test
    void sequentialSpellingsOfOneMembersPathCreditOnce() {
        String externalId = newMemberWithColonAndAt();
        String key = UUID.randomUUID().toString();
        List<Response> answers = new ArrayList<>();
        for (String path : spellings(externalId)) {
            answers.add(adjustAt(path, key));
        }

        assertOneAnswer(answers);
        assertEquals(null, answers.get(0).header("Idempotent-Replayed"));
        assertEquals("25.00", available(externalId));
        assertEquals(1, historyEntries(externalId));
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        String externalId = newMemberWithColonAndAt();
        String key = UUID.randomUUID().toString();
        String path = "/v1/admin/members/" + externalId.replace("@", "%40") + "/adjustments";
        adjustAt(path, key).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        adjustAt(path + "/", key).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals("25.00", available(externalId));
    }

    /** {@code %2F} and {@code +} decode to other identifiers ("cu/st", "cu+st"), so they name other members. */
    @Test
    void anEncodedSlashOrAPlusIsAnotherIdentifierNotAnotherSpelling() {
        String externalId = newMemberWithColonAndAt();
        String key = UUID.randomUUID().toString();
        String path = "/v1/admin/members/" + externalId + "/adjustments";
        adjustAt(path, key).then().statusCode(201);

        adjustAt(path.replace("cust", "cu%2Fst"), key).then().statusCode(404)
                .body("detail", equalTo("Member '" + externalId.replace("cust", "cu/st") + "' does not exist"));
        adjustAt(path.replace("cust", "cu+st"), key).then().statusCode(404)
                .body("detail", equalTo("Member '" + externalId.replace("cust", "cu+st") + "' does not exist"));
        assertEquals("25.00", available(externalId));
    }

    @Test
    void theLongestLegalExternalIdPercentEncodedIsCreditedThenReplayed() {
        StringBuilder id = new StringBuilder();
        while (id.length() < 128) {
            id.append(id.length() % 2 == 0 ? '@' : ':');
        }
        String externalId = id.toString();
        shop().body(Map.of("externalId", externalId, "email", "long@example.com")).post("/v1/members")
                .then().statusCode(201);
        String path = "/v1/admin/members/" + externalId.replace("@", "%40").replace(":", "%3A") + "/adjustments";
        String key = "k".repeat(255);

        Response first = adjustAt(path, key);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response replay = adjustAt("/v1/admin/members/" + externalId + "/adjustments", key);

        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), replay.asString());
        assertEquals("25.00", available(externalId));
    }

    @Test
    void theSameKeyForAnotherMemberIsAnotherRequest() {
        String alice = newMemberWithColonAndAt();
        String bob = newMemberWithColonAndAt();
        String key = UUID.randomUUID().toString();

        adjustAt(spellings(alice).get(1), key).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        adjustAt(spellings(bob).get(1), key).then().statusCode(201).header("Idempotent-Replayed", nullValue());

        assertEquals("25.00", available(alice));
        assertEquals("25.00", available(bob));
    }

    @Test
    void theSameKeyFromAnotherCallerIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        String first = "cust-" + UUID.randomUUID();
        String second = "cust-" + UUID.randomUUID();

        shop().header("Idempotency-Key", key).body(Map.of("externalId", first, "email", "a@example.com"))
                .post("/v1/members").then().statusCode(201).header("Idempotent-Replayed", nullValue());
        RestAssured.given().header("X-Api-Key", "test-shop-key-2").contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Map.of("externalId", second, "email", "b@example.com"))
                .post("/v1/members").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("externalId", equalTo(second));

        shop().get("/v1/members/{id}", first).then().statusCode(200);
        shop().get("/v1/members/{id}", second).then().statusCode(200);
    }

    @Test
    void aWithdrawalApprovalSpeltTwoWaysApprovesOnce() {
        rules.activate(Map.of("name", "Withdrawals", "profile", "WITHDRAWAL", "withdrawal", Map.of("minAmount", "1.00")));
        String member = newMember();
        credit(member, "500.00");
        String id = member(member).contentType(ContentType.JSON)
                .body(Map.of("amount", "100.00", "payoutMethod", "BANK_CARD", "payoutDetails", "4111 1111 1111 1111"))
                .post("/v1/me/withdrawals").then().statusCode(201).extract().path("id").toString();
        String encoded = id.chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat);
        String key = UUID.randomUUID().toString();

        Response first = RestAssured.given().urlEncodingEnabled(false).header("X-Api-Key", ADMIN_KEY)
                .header("Idempotency-Key", key).post("/v1/admin/withdrawals/" + id + "/approve");
        Response second = RestAssured.given().urlEncodingEnabled(false).header("X-Api-Key", ADMIN_KEY)
                .header("Idempotency-Key", key).post("/v1/admin/withdrawals/" + encoded + "/approve");

        first.then().statusCode(200).body("status", equalTo("APPROVED")).header("Idempotent-Replayed", nullValue());
        second.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), second.asString());
        // Without the key, a second approval is refused: the first one is the only one that happened.
        admin().post("/v1/admin/withdrawals/{id}/approve", id).then().statusCode(409)
                .body("type", endsWith("/wrong-state"));
    }
}
