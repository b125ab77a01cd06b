package app.sarafan.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HistoryPaginationTest extends ApiTest {

    @Test
    void paginationReturnsEveryTransactionExactlyOnceWhileNewOnesAreAdded() {
        String alice = newMember();
        for (int i = 1; i <= 45; i++) {
            credit(alice, i + ".00");
        }
        List<String> existing = shop().queryParam("limit", "100")
                .get("/v1/members/{id}/transactions", alice).then().extract().jsonPath().getList("items.id");
        Set<String> before = new HashSet<>(existing);
        assertEquals(45, before.size());

        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int written = 0;
            while (paging.get() && written < 200) {
                credit(alice, "1.00");
                written++;
            }
            return written;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = shop().queryParam("limit", "7");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/members/{id}/transactions", alice).then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        paging.set(false);
        int written = writer.join();

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no transaction twice");
        assertTrue(seen.containsAll(before), "every transaction that existed when paging began");
        assertTrue(seen.size() <= 45 + written);
    }

    @Test
    void historyIsNewestFirstAndFiltersByKindAndPeriod() {
        String bob = newMember();
        credit(bob, "10.00");
        adjust(bob, java.util.Map.of("type", "DEBIT", "amount", "4.00", "reason", "spend")).then().statusCode(201);
        String firstAt = shop().get("/v1/members/{id}/transactions", bob).then()
                .body("items.amount", equalTo(List.of("-4.00", "10.00")))
                .extract().path("items[1].createdAt");
        clock.advance(java.time.Duration.ofDays(2));
        credit(bob, "3.00");
        String secondBatchFrom = clock.now().minusSeconds(1).toString();

        shop().queryParam("from", secondBatchFrom).get("/v1/members/{id}/transactions", bob).then()
                .body("items.amount", equalTo(List.of("3.00")));
        shop().queryParam("to", secondBatchFrom).queryParam("from", firstAt)
                .get("/v1/members/{id}/transactions", bob).then()
                .body("items.amount", equalTo(List.of("-4.00", "10.00")));
        shop().queryParam("kind", "ADJUSTMENT").queryParam("limit", "2")
                .get("/v1/members/{id}/transactions", bob).then()
                .body("items.amount", equalTo(List.of("3.00", "-4.00")))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        shop().queryParam("kind", "EXPIRY", "ACTIVATION").get("/v1/members/{id}/transactions", bob).then()
                .body("items.size()", equalTo(0))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        shop().queryParam("kind", "EXPIRY,ACTIVATION").get("/v1/members/{id}/transactions", bob).then()
                .statusCode(400).body("errors.field", equalTo(List.of("kind")));
    }
}
