package app.sarafan.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgramTermsResourceTest extends ApiTest {

    @Test
    void membersReadTheTermsOfTheRulesInForceInTheirLanguage() {
        String id = admin().body(Map.of("name", "Review bonus", "profile", "REVIEW_PUBLISHED", "lifetimeDays", 60,
                        "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "25.00"))))
                .post("/v1/admin/rules").then().statusCode(201).extract().path("id");
        String anna = newMember();
        member(anna).queryParam("locale", "ru").get("/v1/program-terms").then().statusCode(200)
                .body("locale", equalTo("ru"))
                .body("terms.findAll { it.ruleId == '" + id + "' }.text",
                        equalTo(List.of("25 бонусов за каждый опубликованный отзыв, действуют 60 дней.")));
        shop().get("/v1/program-terms").then().statusCode(200).body("locale", equalTo("en"))
                .body("terms.text", hasItem("25 bonuses for every published review, valid 60 days."));

        admin().header("If-Match", "\"1\"").body(Map.of("name", "Review bonus", "profile", "REVIEW_PUBLISHED",
                        "active", false, "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "25.00"))))
                .put("/v1/admin/rules/{id}", id).then().statusCode(200);
        member(anna).get("/v1/program-terms").then().body("terms.ruleId", not(hasItem(id)));
        io.restassured.RestAssured.given().get("/v1/program-terms").then().statusCode(401);
    }
}
