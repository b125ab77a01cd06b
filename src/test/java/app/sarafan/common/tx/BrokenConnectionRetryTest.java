package app.sarafan.common.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import app.sarafan.support.ApiTest;
import app.sarafan.support.HeldAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A request whose database session ends under it before commit (a restart, a switchover, an administrator ending
 * it) is run once more on a fresh connection: the client gets its answer, and the effect happens exactly once.
 */
@QuarkusTest
class BrokenConnectionRetryTest extends ApiTest {

    private static final Map<String, Object> GIFT = Map.of("type", "CREDIT", "amount", "25.00", "reason", "gift");

    @Inject
    DataSource dataSource;

    @Test
    void aTransactionWhoseSessionEndsBeforeCommitRunsOnceMoreAndKeepsOneEffect() throws Exception {
        String ines = newMember();
        CompletableFuture<Response> adjustment;
        try (HeldAccount held = new HeldAccount(dataSource, ines)) {
            adjustment = CompletableFuture.supplyAsync(() -> adjust(ines, GIFT));
            held.terminate(held.waiter());
        }
        Response answer = adjustment.get(30, TimeUnit.SECONDS);
        answer.then().statusCode(201);
        assertEquals("25.00", available(ines));
        assertEquals(1, (int) shop().get("/v1/members/{id}/transactions", ines).then().statusCode(200)
                .extract().path("items.size()"));
    }

    @Test
    void aSessionEndedTwiceInARowIsAnswered503ProblemAndKeepsNothing() throws Exception {
        String jonas = newMember();
        CompletableFuture<Response> adjustment;
        try (HeldAccount held = new HeldAccount(dataSource, jonas)) {
            adjustment = CompletableFuture.supplyAsync(() -> adjust(jonas, GIFT));
            held.terminate(held.waiter());
            held.terminate(held.waiter());
        }
        Response answer = adjustment.get(30, TimeUnit.SECONDS);
        answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        assertEquals("0.00", available(jonas));
    }
}
