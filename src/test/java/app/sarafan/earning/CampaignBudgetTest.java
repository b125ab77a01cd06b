package app.sarafan.earning;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import app.sarafan.event.EarningTest;
import app.sarafan.support.Database;
import app.sarafan.support.Race;
import app.sarafan.support.ShopEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A rule's campaign budget: grants stop once it is used, a reward that does not fit whole is skipped with the
 * reason (dry runs too), racing events never exceed it, periods start afresh, and 80 % and 100 % are announced once.
 */
@QuarkusTest
class CampaignBudgetTest extends EarningTest {

    @Inject
    DataSource dataSource;

    private static Map<String, Object> newsletterBonus(String value, Map<String, Object> budget) {
        Map<String, Object> rule = new HashMap<>(Map.of("name", "Newsletter bonus", "profile", "NEWSLETTER_SUBSCRIBED",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", value))));
        rule.put("budget", budget);
        return rule;
    }

    private static io.restassured.response.Response subscribed(String member) {
        return ShopEvents.send(event("NEWSLETTER_SUBSCRIBED", member));
    }

    private List<String> thresholds(String ruleId) {
        return new Database(dataSource).column("""
                SELECT payload::jsonb ->> 'threshold' FROM domain_event
                WHERE type = 'RULE_BUDGET_THRESHOLD' AND payload::jsonb ->> 'ruleId' = '%s' ORDER BY id"""
                .formatted(ruleId));
    }

    @Test
    void grantsStopWhenTheBonusesBudgetIsUsedAndARewardThatDoesNotFitWholeIsSkipped() {
        String rule = rule(newsletterBonus("30.00", Map.of("bonuses", "100.00")));
        for (int i = 0; i < 3; i++) {
            subscribed(newMember()).then().statusCode(200).body("accruals[0].amount", equalTo("30.00"));
        }
        String fourth = newMember();
        subscribed(fourth).then().statusCode(200).body("accruals", hasSize(0))
                .body("skipped[0].memberId", equalTo(fourth))
                .body("skipped[0].reason", equalTo(
                        "the campaign budget of 100.00 bonuses has 10.00 left, less than this reward"));
        assertEquals("0.00", available(fourth));

        admin().get("/v1/admin/rules/{id}/budget", rule).then().statusCode(200)
                .body("ruleId", equalTo(rule))
                .body("budget.bonuses", equalTo("100.00")).body("budget.period", equalTo("LIFETIME"))
                .body("periodStart", equalTo("1970-01-01")).body("periodEnd", nullValue())
                .body("bonusesUsed", equalTo("90.00")).body("bonusesLeft", equalTo("10.00"))
                .body("grantsUsed", equalTo(3)).body("grantsLeft", nullValue())
                .body("percentUsed", equalTo(90));
        assertEquals(List.of("80", "100"), thresholds(rule));
        assertEquals("0", new Database(dataSource).value("""
                SELECT count(*) FROM notification
                WHERE member_id IS NULL AND payload::jsonb ->> 'ruleId' = '%s'""".formatted(rule)),
                "no operator address configured: no operator alert in the outbox");
    }

    @Test
    void aDryRunShowsTheBudgetRefusalAndUsesNothing() {
        String rule = rule(newsletterBonus("50.00", Map.of("grants", 1)));
        subscribed(newMember()).then().statusCode(200).body("accruals", hasSize(1));
        String second = newMember();
        ShopEvents.dryRun(ShopEvents.newId(), event("NEWSLETTER_SUBSCRIBED", second)).then().statusCode(200)
                .body("accruals", hasSize(0))
                .body("skipped[0].reason", equalTo("the campaign budget of 1 grant is used up"));
        admin().get("/v1/admin/rules/{id}/budget", rule).then().body("grantsUsed", equalTo(1))
                .body("grantsLeft", equalTo(0)).body("percentUsed", equalTo(100));
    }

    @Test
    void aDailyBudgetStartsAfreshTheNextUtcDay() {
        String rule = rule(newsletterBonus("10.00", Map.of("grants", 2, "period", "DAY")));
        subscribed(newMember()).then().body("accruals", hasSize(1));
        subscribed(newMember()).then().body("accruals", hasSize(1));
        subscribed(newMember()).then().body("accruals", hasSize(0))
                .body("skipped[0].reason", equalTo("the campaign budget of 2 grants a day is used up"));
        clock.advance(Duration.ofDays(1));
        subscribed(newMember()).then().body("accruals", hasSize(1));
        admin().get("/v1/admin/rules/{id}/budget", rule).then().body("grantsUsed", equalTo(1))
                .body("budget.period", equalTo("DAY"));
    }

    @Test
    void racingEventsNeverGrantMoreThanTheBudget() throws Exception {
        String rule = rule(newsletterBonus("25.00", Map.of("bonuses", "125.00", "grants", 100)));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            members.add(newMember());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Map<Integer, Integer> granted = Race.answers(16, () -> subscribed(members.get(next.getAndIncrement()))
                .then().statusCode(200).extract().<List<?>>path("accruals").size());

        assertEquals(Map.of(0, 11, 1, 5), granted);
        admin().get("/v1/admin/rules/{id}/budget", rule).then().body("bonusesUsed", equalTo("125.00"))
                .body("grantsUsed", equalTo(5));
        assertEquals(List.of("80", "100"), thresholds(rule));
    }

    @Test
    void aBudgetIsCheckedOnSaveAndOnlyForEarningRules() {
        admin().body(newsletterBonus("10.00", Map.of("period", "MONTH"))).post("/v1/admin/rules").then()
                .statusCode(400).body("errors[0].field", equalTo("budget"));
        admin().body(newsletterBonus("10.00", Map.of("bonuses", "0.00"))).post("/v1/admin/rules").then()
                .statusCode(400).body("errors[0].field", equalTo("budget.bonuses"));
        admin().body(newsletterBonus("10.00", Map.of("grants", 0))).post("/v1/admin/rules").then()
                .statusCode(400).body("errors[0].field", equalTo("budget.grants"));
        admin().body(Map.of("name", "Pay", "profile", "PAY_WITH_BONUSES", "spending", Map.of("maxPercent", "20.00"),
                "budget", Map.of("grants", 5))).post("/v1/admin/rules").then()
                .statusCode(400).body("errors.find { it.field == 'budget' }.message",
                        equalTo("applies to earning rules only"));
    }

    @Test
    void onlyAdministratorsReadABudgetAndARuleWithoutOneHasNone() {
        String budgeted = rule(newsletterBonus("10.00", Map.of("grants", 5)));
        String unbudgeted = rule(newsletterBonus("10.00", null));
        shop().get("/v1/admin/rules/{id}/budget", budgeted).then().statusCode(403);
        admin().get("/v1/admin/rules/{id}/budget", unbudgeted).then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/not-found"));
        admin().get("/v1/admin/rules/{id}", budgeted).then().statusCode(200)
                .body("definition.budget.grants", equalTo(5))
                .body("terms.en", endsWith("while the campaign budget lasts."));
    }
}
