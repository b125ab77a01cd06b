package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentSpendingTest extends ApiTest {

    @Test
    void twentyConcurrentDebitsNeverOverdrawOneBalance() throws Exception {
        String alice = newMember();
        credit(alice, "100.00");
        int racers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return adjust(alice, Map.of("type", "DEBIT", "amount", "7.00", "reason", "race")).statusCode();
            }));
        }
        start.countDown();
        int succeeded = 0;
        int refused = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get();
            if (code == 201) {
                succeeded++;
            } else if (code == 409) {
                refused++;
            }
        }
        pool.shutdown();

        // 14 x 7.00 = 98.00 fits in 100.00; the 15th would overdraw.
        assertEquals(14, succeeded);
        assertEquals(6, refused);
        assertEquals("2.00", available(alice));
        JsonPath history = shop().queryParam("limit", "100").get("/v1/members/{id}/transactions", alice)
                .then().statusCode(200).extract().jsonPath();
        BigDecimal sum = history.<String>getList("items.amount").stream().map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("2.00"), sum);
        assertEquals(15, history.getList("items").size());
    }

    @Test
    void aRefusedDebitStatesTheAvailableAmountAndWritesNothing() {
        String bob = newMember();
        credit(bob, "120.00");
        adjust(bob, Map.of("type", "DEBIT", "amount", "120.01", "reason", "too much"))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/insufficient-balance"))
                .body("available", org.hamcrest.Matchers.equalTo("120.00"))
                .body("requested", org.hamcrest.Matchers.equalTo("120.01"));
        shop().get("/v1/members/{id}/transactions", bob).then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
        assertEquals("120.00", available(bob));
    }
}
