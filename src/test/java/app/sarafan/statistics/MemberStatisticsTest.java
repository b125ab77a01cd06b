package app.sarafan.statistics;

import static app.sarafan.support.ReferralActivity.at;
import static app.sarafan.support.ReferralActivity.click;
import static app.sarafan.support.ReferralActivity.firstPayment;
import static app.sarafan.support.ReferralActivity.referredBy;
import static app.sarafan.support.ReferralActivity.register;
import static app.sarafan.support.ReferralActivity.reward;
import static app.sarafan.support.ReferralActivity.takeBack;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * A referrer in Moscow (UTC+3) over three days of March 2031 (Saturday 1st to Monday 3rd): the series cut at
 * Moscow midnight, rewards per level net of what was taken back, and the same figures for the shop.
 */
@QuarkusTest
class MemberStatisticsTest extends ApiTest {

    private static final String FROM = "2031-03-01T00:00:00+03:00";
    private static final String TO = "2031-03-04T00:00:00+03:00";

    private String scriptedReferrer() {
        String referrer = register("Olga Petrova", "Europe/Moscow", null);
        at(clock, Instant.parse("2031-02-28T20:00:00Z")); // 23:00 in Moscow: the day before the period
        click(referrer);
        at(clock, Instant.parse("2031-02-28T22:30:00Z")); // 01:30 on March 1st in Moscow
        click(referrer);
        click(referrer);
        String anna = referredBy(referrer);
        at(clock, Instant.parse("2031-03-01T12:00:00Z"));
        click(referrer);
        referredBy(referrer);
        at(clock, Instant.parse("2031-03-02T10:00:00Z"));
        String annasFriend = referredBy(anna);
        reward(referrer, annasFriend, 2, "12.50");
        at(clock, Instant.parse("2031-03-02T21:30:00Z")); // 00:30 on March 3rd in Moscow
        firstPayment(anna, clock.now());
        long annasReward = reward(referrer, anna, 1, "50.00");
        at(clock, Instant.parse("2031-03-03T10:00:00Z"));
        takeBack(referrer, annasReward, "20.00");
        at(clock, Instant.parse("2031-03-03T21:30:00Z")); // after the period
        click(referrer);
        clock.reset();
        return referrer;
    }

    @Test
    void dailySeriesFollowTheMembersMidnightAndNetRewardsPerLevel() {
        String referrer = scriptedReferrer();
        ValidatableResponse mine = member(referrer)
                .get("/v1/me/statistics?from={from}&to={to}&interval=DAY", FROM, TO).then().statusCode(200)
                .body("timeZone", equalTo("Europe/Moscow"))
                .body("interval", equalTo("DAY"))
                .body("from", equalTo("2031-02-28T21:00:00Z"))
                .body("totals.clicks", equalTo(3))
                .body("totals.registrations", equalTo(2))
                .body("totals.payingReferrals", equalTo(1))
                .body("totals.registrationConversion", equalTo("66.67"))
                .body("totals.payingConversion", equalTo("50.00"))
                .body("totals.earned", equalTo("42.50"))
                .body("totals.earnedByLevel.level", equalTo(List.of(1, 2)))
                .body("totals.earnedByLevel.amount", equalTo(List.of("30.00", "12.50")))
                .body("series.start", equalTo(List.of("2031-03-01", "2031-03-02", "2031-03-03")))
                .body("series.clicks", equalTo(List.of(3, 0, 0)))
                .body("series.registrations", equalTo(List.of(2, 0, 0)))
                .body("series.payingReferrals", equalTo(List.of(0, 0, 1)))
                .body("series.earned", equalTo(List.of("0.00", "12.50", "30.00")))
                .body("series[1].earnedByLevel.level", equalTo(List.of(2)))
                .body("series[2].earnedByLevel.amount", equalTo(List.of("30.00")));
        String asMember = mine.extract().asString();
        String asShop = shop().get("/v1/members/{id}/statistics?from={from}&to={to}&interval=DAY", referrer, FROM, TO)
                .then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(asMember, asShop);
    }

    @Test
    void weeklyAndMonthlySeriesAddUpToTheSameTotals() {
        String referrer = scriptedReferrer();
        admin().get("/v1/members/{id}/statistics?from={from}&to={to}&interval=WEEK", referrer, FROM, TO).then()
                .statusCode(200)
                .body("series.start", equalTo(List.of("2031-02-24", "2031-03-03")))
                .body("series.clicks", equalTo(List.of(3, 0)))
                .body("series.registrations", equalTo(List.of(2, 0)))
                .body("series.payingReferrals", equalTo(List.of(0, 1)))
                .body("series.earned", equalTo(List.of("12.50", "30.00")));
        member(referrer).get("/v1/me/statistics?from={from}&to={to}&interval=MONTH", FROM, TO).then()
                .statusCode(200)
                .body("series.start", equalTo(List.of("2031-03-01")))
                .body("series[0].clicks", equalTo(3))
                .body("series[0].earned", equalTo("42.50"));
    }

    @Test
    void withoutAPeriodTheLastThirtyDaysArePlottedDayByDay() {
        String referrer = newMember();
        click(referrer);
        member(referrer).get("/v1/me/statistics").then().statusCode(200)
                .body("interval", equalTo("DAY"))
                .body("timeZone", equalTo("UTC"))
                .body("series.size()", equalTo(31))
                .body("totals.clicks", equalTo(1))
                .body("series[30].clicks", equalTo(1));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        String referrer = newMember();
        member(referrer).get("/v1/me/statistics?interval=YEAR").then().statusCode(400)
                .body("errors.field", equalTo(List.of("interval")));
        member(referrer).get("/v1/me/statistics?from=yesterday").then().statusCode(400)
                .body("errors.field", equalTo(List.of("from")));
        member(referrer).get("/v1/me/statistics?from=2031-03-04T00:00:00Z&to=2031-03-01T00:00:00Z").then()
                .statusCode(400).body("errors.field", equalTo(List.of("to")));
        member(referrer).get("/v1/me/statistics?from=2029-01-01T00:00:00Z&to=2031-03-01T00:00:00Z&interval=DAY")
                .then().statusCode(400).body("errors.field", equalTo(List.of("from")));
        member(referrer).get("/v1/me/statistics?from=2029-01-01T00:00:00Z&to=2031-03-01T00:00:00Z&interval=MONTH")
                .then().statusCode(200).body("series.size()", equalTo(26));
    }

    @Test
    void membersSeeOnlyTheirOwnStatistics() {
        String referrer = newMember();
        given().get("/v1/me/statistics").then().statusCode(401);
        shop().get("/v1/me/statistics").then().statusCode(403);
        member(referrer).get("/v1/members/{id}/statistics", referrer).then().statusCode(403);
        given().get("/v1/members/{id}/statistics", referrer).then().statusCode(401);
        shop().get("/v1/members/{id}/statistics", "cust-nobody-" + referrer).then().statusCode(404);
        shop().get("/v1/members/{id}/statistics", referrer).then().statusCode(200);
    }
}
