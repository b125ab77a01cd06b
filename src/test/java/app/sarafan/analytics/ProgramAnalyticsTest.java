package app.sarafan.analytics;

import static app.sarafan.support.ReferralActivity.at;
import static app.sarafan.support.ReferralActivity.click;
import static app.sarafan.support.ReferralActivity.firstPayment;
import static app.sarafan.support.ReferralActivity.id;
import static app.sarafan.support.ReferralActivity.referredBy;
import static app.sarafan.support.ReferralActivity.reward;
import static app.sarafan.support.ReferralActivity.takeBack;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * December 2035 belongs to this test (the business clock is moved there): a scripted month of credits, spending,
 * expiry, withdrawals, referrals and their rewards gives figures equal to the hand-computed ones to the cent.
 * Liability is global, so it is compared with a reading taken at the same moment before the script ran.
 */
@QuarkusTest
class ProgramAnalyticsTest extends ApiTest {

    private static final String FROM = "2035-12-01T00:00:00Z";
    private static final String TO = "2036-01-01T00:00:00Z";
    private static final Instant READ_AT = Instant.parse("2035-12-31T12:00:00Z");

    @Inject
    Ledger ledger;

    @Test
    void aScriptedMonthGivesTheHandComputedFigures() {
        at(clock, READ_AT);
        JsonPath before = report();

        at(clock, Instant.parse("2035-12-01T06:00:00Z"));
        String p = newMember();
        String q = newMember();
        String r = newMember();
        String s = newMember();
        referredBy(s); // S's only binding, before the 30-day activity window of the reading: S is not active
        at(clock, Instant.parse("2035-12-01T10:00:00Z"));
        credit(p, "1000.00");
        at(clock, Instant.parse("2035-12-02T10:00:00Z"));
        String x = newMember();
        creditFor(x, "300.00", Map.of("lifetimeDays", 10)); // burns on the 12th; settled on the 20th
        at(clock, Instant.parse("2035-12-03T10:00:00Z"));
        String y = newMember();
        creditFor(y, "200.00", Map.of("lifetimeDays", 5)); // burns on the 8th; never touched again
        String z = newMember();
        creditFor(z, "400.00", Map.of("delayDays", 60, "lifetimeDays", 20)); // pending; expires late February
        at(clock, Instant.parse("2035-12-05T10:00:00Z"));
        String c1 = referredBy(p);
        String c2 = referredBy(p);
        referredBy(p); // registered, never pays
        String c4 = referredBy(q);
        adjust(p, Map.of("type", "DEBIT", "amount", "150.00", "reason", "goodwill credit given twice"))
                .then().statusCode(201);
        at(clock, Instant.parse("2035-12-08T10:00:00Z"));
        debit(p, TransactionKind.REDEMPTION, "120.00");
        at(clock, Instant.parse("2035-12-09T10:00:00Z"));
        debit(p, TransactionKind.WITHDRAWAL, "80.00");
        at(clock, Instant.parse("2035-12-10T10:00:00Z"));
        firstPayment(c1, clock.now());
        reward(p, c1, 1, "37.55");
        creditFor(r, "75.00", Map.of("lifetimeDays", 40)); // expires mid January: within 30 days of the reading
        at(clock, Instant.parse("2035-12-11T10:00:00Z"));
        firstPayment(newMember(), clock.now());
        at(clock, Instant.parse("2035-12-12T11:00:00Z"));
        firstPayment(newMember(), clock.now());
        at(clock, Instant.parse("2035-12-15T10:00:00Z"));
        firstPayment(c2, clock.now());
        long c2Reward = reward(p, c2, 1, "20.00");
        at(clock, Instant.parse("2035-12-16T10:00:00Z"));
        firstPayment(c4, clock.now());
        reward(q, c4, 1, "12.50");
        at(clock, Instant.parse("2035-12-18T10:00:00Z"));
        takeBack(p, c2Reward, "5.00");
        at(clock, Instant.parse("2035-12-20T10:00:00Z"));
        credit(x, "50.00"); // settles x: its 300.00 burns now, expired as of the 12th
        click(q);
        at(clock, Instant.parse("2035-12-25T10:00:00Z"));
        click(r);

        at(clock, READ_AT);
        JsonPath after = report();
        // issued: admin credits 1000 + 300 + 200 + 400 + 75 + 50, referral rewards 37.55 + 20.00 + 12.50
        assertDelta(before, after, "bonuses.issued", "2095.05");
        assertDelta(before, after, "bonuses.spent", "120.00");
        assertDelta(before, after, "bonuses.expired", "500.00");
        assertDelta(before, after, "bonuses.withdrawn", "80.00");
        assertDelta(before, after, "bonuses.takenBack", "5.00");
        assertDelta(before, after, "bonuses.debitedByAdministrators", "150.00");
        // p: 1000 - 150 - 120 - 80 + 37.55 + 20.00 - 5.00 = 702.55; q 12.50; x 50.00; r 75.00; y burnt; z pending
        assertDelta(before, after, "liability.available", "840.05");
        assertDelta(before, after, "liability.reserved", "0.00");
        assertDelta(before, after, "liability.pending", "400.00");
        assertDelta(before, after, "liability.total", "1240.05");
        assertDelta(before, after, "liability.expiringWithin30Days", "75.00");
        assertDelta(before, after, "liability.expiringWithin90Days", "475.00");
        assertEquals(5, after.getInt("referrals.newPayingCustomers") - before.getInt("referrals.newPayingCustomers"));
        assertEquals(3, after.getInt("referrals.newPayingReferred") - before.getInt("referrals.newPayingReferred"));
        assertEquals(3, after.getInt("referrals.activeReferrersLast30Days")
                - before.getInt("referrals.activeReferrersLast30Days"));
        assertDelta(before, after, "referrals.referralIncentives", "65.05");
        // nobody else pays for the first time in December 2035: the ratios are this script's alone
        assertEquals("60.00", after.getString("referrals.referredShare"));
        assertEquals("21.68", after.getString("referrals.costPerReferredCustomer")); // 65.05 / 3, HALF_UP
        assertEquals("2035-12-31T12:00", after.getString("asOf").substring(0, 16));
    }

    @Test
    void theSameFiguresComeAsCsv() {
        at(clock, READ_AT);
        JsonPath json = report();
        for (String csv : List.of(
                admin().accept("text/csv").get("/v1/admin/analytics?from={from}&to={to}", FROM, TO).then()
                        .statusCode(200).contentType(containsString("text/csv")).extract().asString(),
                admin().get("/v1/admin/analytics.csv?from={from}&to={to}", FROM, TO).then().statusCode(200)
                        .contentType(containsString("text/csv"))
                        .header("Content-Disposition", containsString("sarafan-analytics.csv")).extract().asString())) {
            Map<String, String> rows = new HashMap<>();
            String[] lines = csv.split("\r\n");
            assertEquals("metric,value", lines[0]);
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",", -1);
                rows.put(cells[0], cells[1]);
            }
            assertEquals(FROM, rows.get("from"));
            assertEquals(json.getString("bonuses.issued"), rows.get("bonuses.issued"));
            assertEquals(json.getString("liability.total"), rows.get("liability.total"));
            assertEquals(json.getString("liability.expiringWithin90Days"), rows.get("liability.expiringWithin90Days"));
            assertEquals(json.getString("referrals.newPayingCustomers"), rows.get("referrals.newPayingCustomers"));
            assertEquals(json.getString("rewards.bonusesSpent"), rows.get("rewards.bonusesSpent"));
            assertEquals(25, rows.size());
        }
    }

    @Test
    void withoutAPeriodTheLastThirtyDaysAreReported() {
        JsonPath report = admin().get("/v1/admin/analytics").then().statusCode(200).extract().jsonPath();
        assertEquals(Instant.parse(report.getString("to")).minusSeconds(30L * 24 * 3600),
                Instant.parse(report.getString("from")));
    }

    @Test
    void onlyAdministratorsReadAnalyticsAndBadPeriodsAreRefused() {
        given().get("/v1/admin/analytics").then().statusCode(401);
        shop().get("/v1/admin/analytics").then().statusCode(403);
        member(newMember()).get("/v1/admin/analytics").then().statusCode(403);
        shop().get("/v1/admin/analytics.csv").then().statusCode(403);
        admin().get("/v1/admin/analytics?from=last-month").then().statusCode(400)
                .body("errors.field", equalTo(List.of("from")));
        admin().get("/v1/admin/analytics?from={to}&to={from}", TO, FROM).then().statusCode(400)
                .body("errors.field", equalTo(List.of("to")));
        admin().get("/v1/admin/analytics.csv?to=2000-01-01").then().statusCode(400)
                .body("errors.field", equalTo(List.of("to")));
    }

    private static JsonPath report() {
        return admin().get("/v1/admin/analytics?from={from}&to={to}", FROM, TO).then().statusCode(200)
                .body("from", equalTo(FROM)).body("to", equalTo(TO)).extract().jsonPath();
    }

    private static void creditFor(String member, String amount, Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.putAll(Map.of("type", "CREDIT", "amount", amount, "reason", "scripted month"));
        adjust(member, body).then().statusCode(201);
    }

    private void debit(String member, TransactionKind kind, String amount) {
        ledger.debit(id(member), new Ledger.Debit(kind, new BigDecimal(amount),
                new Source(SourceType.SYSTEM, "script", "test"), "scripted " + kind));
    }

    private static void assertDelta(JsonPath before, JsonPath after, String figure, String expected) {
        assertEquals(new BigDecimal(expected),
                new BigDecimal(after.getString(figure)).subtract(new BigDecimal(before.getString(figure))), figure);
    }
}
