package app.sarafan.redemption;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.support.TestRules;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Withdrawable bonuses stay withdrawable through redemptions: held ones are not spent, returned ones keep origin. */
@QuarkusTest
class SpendingAndWithdrawingTest extends RedemptionTestSupport {

    @Inject
    Ledger ledger;

    private static final List<Map<String, Object>> CART = List.of(line("BIKE", "Bikes", "1000.00", 1));

    /** A member with a referral reward of 100.00 that burns in 10 days, and 100.00 of a manual credit. */
    private String memberWithReferralReward() {
        String referralRule = rules.activate(Map.of("name", "Referral (test)", "profile", "ORDER_PAID",
                "active", false, "rewards", List.of(Map.of("recipient", "REFERRER", "type", "PERCENT",
                        "levels", List.of(Map.of("level", 1, "value", "5.00"))))));
        rules.activate(Map.of("name", "Only referral rewards", "profile", "WITHDRAWAL",
                "withdrawal", Map.of("withdrawableKinds", List.of("REFERRAL"))));
        payWithBonuses(Map.of("maxPercent", "100.00"));
        String member = newMember();
        ledger.credit(memberId(member), new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal("100.00"),
                new Source(SourceType.EVENT, "evt-friend", "shop"), "5 % of a friend's order", null,
                clock.now().plus(Duration.ofDays(10)),
                new Provenance(Long.valueOf(TestRules.versionId(referralRule)), memberId(newMember()), 1)));
        credit(member, "100.00");
        return member;
    }

    @Test
    void returnedBonusesKeepTheirOriginAndStayWithdrawable() {
        String anna = memberWithReferralReward();
        String order = newOrder();
        apply(anna, order, "150.00", CART).then().statusCode(201);
        orderPaid(anna, order, "1000.00", "150.00");
        member(anna).get("/v1/me/withdrawal-terms").then().body("withdrawable", equalTo("0.00"));
        orderCancelled(anna, order);
        member(anna).get("/v1/me/withdrawal-terms").then().statusCode(200)
                .body("available", equalTo("200.00")).body("withdrawable", equalTo("100.00"));
    }

    @Test
    void aRedemptionLeavesTheBonusesAWithdrawalHolds() {
        String boris = memberWithReferralReward();
        String withdrawalId = member(boris).contentType("application/json")
                .body(Map.of("amount", "100.00", "payoutMethod", "PHONE", "payoutDetails", "+79161234567"))
                .post("/v1/me/withdrawals").then().statusCode(201).extract().path("id");
        String order = newOrder();
        apply(boris, order, "100.00", CART).then().statusCode(201);
        orderPaid(boris, order, "1000.00", "100.00");
        admin().post("/v1/admin/withdrawals/{id}/mark-paid", withdrawalId).then().statusCode(200);
        assertEquals("0.00", balance(boris).getString("total"));
        // the order took the manual credit (which never burns), not the referral reward that burns sooner
        orderCancelled(boris, order);
        Map<String, Object> returned = shop().queryParam("kind", "RETURN")
                .get("/v1/members/{id}/transactions", boris).then().extract().jsonPath().getMap("items[0]");
        assertEquals("100.00", returned.get("amount"));
        assertNull(returned.get("expiresAt"));
    }
}
