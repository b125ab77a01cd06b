package app.sarafan.redemption;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuoteTest extends RedemptionTestSupport {

    @Test
    void bonusesPayAtMostTwentyPercentOfAnOrderOfTenThousand() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String alice = newMember();
        credit(alice, "5000.00");
        quote(alice, List.of(line("RUN-42", "Shoes", "7500.00", 1), line("SOCK-3", "Socks", "1250.00", 2)))
                .then().statusCode(200)
                .body("orderTotal", equalTo("10000.00"))
                .body("eligibleTotal", equalTo("10000.00"))
                .body("available", equalTo("5000.00"))
                .body("ruleCap", equalTo("2000.00"))
                .body("maxApplicable", equalTo("2000.00"))
                .body("limitedBy", equalTo("MAX_PERCENT"))
                .body("reason", nullValue())
                .body("maxPercent", equalTo("20.00"))
                .body("lines.discount", equalTo(List.of("1500.00", "500.00")))
                .body("lines.totalAfterDiscount", equalTo(List.of("6000.00", "2000.00")));
    }

    @Test
    void theBalanceLimitsAQuote() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String bob = newMember();
        credit(bob, "150.00");
        quote(bob, List.of(line("RUN-42", "Shoes", "10000.00", 1))).then().statusCode(200)
                .body("maxApplicable", equalTo("150.00"))
                .body("limitedBy", equalTo("BALANCE"))
                .body("lines[0].discount", equalTo("150.00"));
        String broke = newMember();
        quote(broke, List.of(line("RUN-42", "Shoes", "10000.00", 1))).then().statusCode(200)
                .body("maxApplicable", equalTo("0.00"))
                .body("reason", equalTo("NO_BALANCE"))
                .body("lines[0].discount", equalTo("0.00"));
    }

    @Test
    void anOrderBelowTheMinimumGetsNothing() {
        payWithBonuses(Map.of("maxPercent", "30.00", "minOrderAmount", "1000.00"));
        String carol = newMember();
        credit(carol, "5000.00");
        quote(carol, List.of(line("CAP-1", "Caps", "333.33", 3))).then().statusCode(200)
                .body("orderTotal", equalTo("999.99"))
                .body("maxApplicable", equalTo("0.00"))
                .body("reason", equalTo("BELOW_MIN_ORDER"))
                .body("minOrderAmount", equalTo("1000.00"));
        quote(carol, List.of(line("CAP-1", "Caps", "333.33", 3), line("PIN", "Caps", "0.01", 1))).then()
                .statusCode(200)
                .body("orderTotal", equalTo("1000.00"))
                .body("maxApplicable", equalTo("300.00"));
    }

    @Test
    void excludedCategoriesNeitherCountNorGetADiscount() {
        payWithBonuses(Map.of("maxPercent", "20.00", "excludedCategories", List.of("Gift cards")));
        String dave = newMember();
        credit(dave, "5000.00");
        quote(dave, List.of(line("GC-5000", "gift cards", "5000.00", 1), line("BIKE", "Bikes", "5000.00", 1)))
                .then().statusCode(200)
                .body("orderTotal", equalTo("10000.00"))
                .body("eligibleTotal", equalTo("5000.00"))
                .body("maxApplicable", equalTo("1000.00"))
                .body("lines.excluded", equalTo(List.of(true, false)))
                .body("lines.discount", equalTo(List.of("0.00", "1000.00")))
                .body("excludedCategories", equalTo(List.of("Gift cards")));
        quote(dave, List.of(line("GC-5000", "Gift cards", "5000.00", 1))).then().statusCode(200)
                .body("maxApplicable", equalTo("0.00"))
                .body("reason", equalTo("NOTHING_ELIGIBLE"));
    }

    @Test
    void aBlockedMemberGetsNothing() {
        payWithBonuses(Map.of("maxPercent", "20.00"));
        String eve = newMember();
        credit(eve, "500.00");
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", eve).then().statusCode(200);
        quote(eve, List.of(line("RUN-42", "Shoes", "1000.00", 1))).then().statusCode(200)
                .body("maxApplicable", equalTo("0.00")).body("reason", equalTo("MEMBER_BLOCKED"));
    }

    @Test
    void badCartsAreRefusedNamingTheField() {
        String frank = newMember();
        quote(frank, List.of(line("RUN-42", "Shoes", "10.005", 1))).then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].unitPrice"));
        quote(frank, List.of(line("RUN-42", "Shoes", "10.00", 0))).then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].quantity"));
        quote(frank, List.of()).then().statusCode(400).body("errors[0].field", equalTo("lines"));
        quote("cust-nobody-" + java.util.UUID.randomUUID(), List.of(line("A", "B", "1.00", 1))).then()
                .statusCode(404);
        member(frank).contentType("application/json")
                .body(Map.of("externalId", frank, "lines", List.of(line("A", "B", "1.00", 1))))
                .post("/v1/quotes").then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("externalId", frank, "lines", List.of(line("A", "B", "1.00", 1))))
                .post("/v1/quotes").then().statusCode(401);
    }
}
