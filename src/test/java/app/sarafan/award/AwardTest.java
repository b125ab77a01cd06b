package app.sarafan.award;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import app.sarafan.event.EarningTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Awards: once per member whatever repeats, revocable with a reason, granted by thresholds, rules or by hand. */
@QuarkusTest
class AwardTest extends EarningTest {

    @BeforeEach
    void awards() {
        if (admin().get("/v1/admin/awards/{code}", "WHALE_T").statusCode() == 404) {
            admin().body(Map.of("code", "WHALE_T", "name", "Whale", "metric", "TOTAL_SPENT",
                    "threshold", "200000.00", "imageUrl", "https://cdn.shop.example/badges/whale.png"))
                    .post("/v1/admin/awards").then().statusCode(201);
            admin().body(Map.of("code", "REGULAR_T", "name", "Regular customer")).post("/v1/admin/awards").then()
                    .statusCode(201);
        }
    }

    @Test
    void anAwardIsGrantedOnceEvenWhenItsConditionIsMetAgain() {
        String member = newMember();
        paid(member, order("a-" + member, "200000.00")).then().statusCode(200);
        paid(member, order("b-" + member, "10.00")).then().statusCode(200);
        member(member).get("/v1/me/awards").then().statusCode(200).body("", hasSize(1))
                .body("[0].code", equalTo("WHALE_T")).body("[0].name", equalTo("Whale"));
    }

    @Test
    void aRevokedAwardStaysRevokedUntilAnAdministratorGrantsItAgain() {
        String member = newMember();
        paid(member, order("a-" + member, "200000.00")).then().statusCode(200);
        admin().body(Map.of("reason", "Orders were fraudulent"))
                .post("/v1/admin/members/{id}/awards/{code}/revoke", member, "WHALE_T").then().statusCode(200)
                .body("revokeReason", equalTo("Orders were fraudulent"));
        paid(member, order("b-" + member, "10.00")).then().statusCode(200);
        member(member).get("/v1/me/awards").then().body("", hasSize(0));
        admin().get("/v1/members/{id}/awards", member).then().body("[0].revokeReason",
                equalTo("Orders were fraudulent"));
        admin().body(Map.of("award", "WHALE_T", "reason", "Checked: genuine")).post("/v1/admin/members/{id}/awards",
                member).then().statusCode(201).body("reason", equalTo("Checked: genuine"));
        admin().body(Map.of("award", "WHALE_T", "reason", "again")).post("/v1/admin/members/{id}/awards", member)
                .then().statusCode(409);
        member(member).get("/v1/me/awards").then().body("", hasSize(1));
    }

    @Test
    void anAchievementRuleGrantsTheAwardItNames() {
        rule(Map.of("name", "Second order", "profile", "USER_ACHIEVEMENT", "grantsAward", "REGULAR_T",
                "conditions", Map.of("threshold", Map.of("metric", "PAID_ORDERS", "value", "2")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "50.00"))));
        String member = newMember();
        paid(member, order("a-" + member, "10.00")).then().statusCode(200);
        member(member).get("/v1/me/awards").then().body("", hasSize(0));
        paid(member, order("b-" + member, "10.00")).then().body("accruals[0].amount", equalTo("50.00"));
        member(member).get("/v1/me/awards").then().body("", hasSize(1)).body("[0].code", equalTo("REGULAR_T"));
    }

    @Test
    void onlyAdministratorsGrantAndMembersSeeOnlyTheirOwn() {
        String member = newMember();
        shop().body(Map.of("award", "REGULAR_T", "reason", "x")).post("/v1/admin/members/{id}/awards", member)
                .then().statusCode(403);
        member(member).body(Map.of("award", "REGULAR_T", "reason", "x"))
                .contentType("application/json").post("/v1/admin/members/{id}/awards", member).then().statusCode(403);
        admin().body(Map.of("award", "NOPE", "reason", "x")).post("/v1/admin/members/{id}/awards", member).then()
                .statusCode(400).body("errors[0].field", equalTo("award"));
        admin().body(Map.of("award", "REGULAR_T")).post("/v1/admin/members/{id}/awards", member).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        admin().body(Map.of("reason", "x")).post("/v1/admin/members/{id}/awards/{code}/revoke", member, "REGULAR_T")
                .then().statusCode(404);
        admin().body(Map.of("code", "BAD", "name", "Bad", "metric", "TOTAL_SPENT")).post("/v1/admin/awards").then()
                .statusCode(400).body("errors[0].field", equalTo("threshold"));
    }
}
