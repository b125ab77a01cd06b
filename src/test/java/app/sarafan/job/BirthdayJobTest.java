package app.sarafan.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worked example's birthday rule (+1 000 bonuses that burn after 3 days), granted on the birthday in the
 * member's own time zone, once a year, also when runs race.
 */
@QuarkusTest
class BirthdayJobTest extends JobTests {

    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati"); // UTC+14
    private static final ZoneId PAGO_PAGO = ZoneId.of("Pacific/Pago_Pago");  // UTC-11

    @Inject
    Jobs jobs;

    private String ruleId;

    private final app.sarafan.support.TestRules more = new app.sarafan.support.TestRules();

    @BeforeEach
    void birthdayRule() {
        app.sarafan.support.TestRules.noRuleInForce();
        ruleId = admin().body(rule(true)).post("/v1/admin/rules").then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void retireRule() {
        more.deactivateAll();
        admin().header("If-Match", "\"1\"").body(rule(false)).put("/v1/admin/rules/{id}", ruleId)
                .then().statusCode(200);
    }

    private static Map<String, Object> rule(boolean active) {
        return Map.of("name", "Birthday gift", "profile", "BIRTHDAY", "active", active, "lifetimeDays", 3,
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "1000.00")));
    }

    /** A birthday a month or so ahead (never 29 February), so the clock only moves forward. */
    private LocalDate birthdayAhead(int days) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(days);
        return day.getMonthValue() == 2 && day.getDayOfMonth() == 29 ? day.plusDays(1) : day;
    }

    private long grants(String member) {
        return count("SELECT count(*) FROM ledger_transaction t JOIN member m ON m.id = t.account_id"
                + " WHERE m.external_id = ?1 AND t.source_type = 'JOB' AND t.source_id LIKE 'birthday:%'", member);
    }

    @Test
    void aMemberFarEastGetsTheGiftWhenTheirOwnMidnightPassesNotUtcs() {
        LocalDate birthday = birthdayAhead(40);
        String east = newMember(birthday.withYear(1990).toString(), KIRITIMATI.getId(), "ru");
        String west = newMember(birthday.withYear(1985).toString(), PAGO_PAGO.getId(), "en");
        Instant localMidnight = birthday.atStartOfDay(KIRITIMATI).toInstant(); // 10:00 UTC the day before

        clockAt(localMidnight.minusSeconds(2));
        jobs.run(JobName.BIRTHDAYS);
        assertEquals(0, grants(east), "23:59:58 in Kiritimati is not the birthday yet");

        clockAt(localMidnight.plusMillis(500));
        jobs.run(JobName.BIRTHDAYS);
        assertEquals(1, grants(east));
        assertEquals(0, grants(west), "in Pago Pago it is still the day before yesterday's evening");
        Object[] tx = (Object[]) em.createNativeQuery("""
                SELECT t.amount, t.expires_at, t.source_id, t.rule_version_id IS NOT NULL FROM ledger_transaction t
                JOIN member m ON m.id = t.account_id WHERE m.external_id = ?1 AND t.kind = 'ACCRUAL'""")
                .setParameter(1, east).getSingleResult();
        assertEquals(0, new BigDecimal("1000.00").compareTo((BigDecimal) tx[0]));
        Instant expiresAt = app.sarafan.common.time.SqlInstants.of(tx[1]);
        assertEquals(true, Duration.between(localMidnight.plus(3, ChronoUnit.DAYS), expiresAt).abs().toSeconds() < 5,
                "burns after 3 days: " + expiresAt);
        assertEquals("birthday:" + birthday.getYear() + ":" + east, tx[2]);
        assertEquals(true, tx[3]);
        assertEquals(1, count("SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id"
                + " WHERE m.external_id = ?1 AND n.kind = 'BIRTHDAY'", east), "the birthday email is queued");

        Instant westMidnight = birthday.atStartOfDay(PAGO_PAGO).toInstant();
        clockAt(westMidnight.plusSeconds(1));
        jobs.run(JobName.BIRTHDAYS);
        assertEquals(1, grants(west));
        assertEquals(1, grants(east));
    }

    @Test
    void theGiftComesOncePerYear() {
        LocalDate birthday = birthdayAhead(50);
        String member = newMember(birthday.withYear(1992).toString(), "Europe/Moscow", "ru");
        Instant morning = LocalDateTime.of(birthday, java.time.LocalTime.of(9, 0)).atZone(ZoneId.of("Europe/Moscow"))
                .toInstant();
        clockAt(morning);
        jobs.run(JobName.BIRTHDAYS);
        clockAt(morning.plus(10, ChronoUnit.HOURS));
        jobs.run(JobName.BIRTHDAYS);
        admin().post("/v1/admin/jobs/birthdays/runs").then().statusCode(200);
        assertEquals(1, grants(member));

        clockAt(LocalDateTime.of(birthday.plusYears(1), java.time.LocalTime.of(9, 0))
                .atZone(ZoneId.of("Europe/Moscow")).toInstant());
        jobs.run(JobName.BIRTHDAYS);
        jobs.run(JobName.BIRTHDAYS);
        assertEquals(2, grants(member), "next year's birthday is a new gift");
    }

    @Test
    void twoRunsInParallelGrantEachBirthdayOnce() throws Exception {
        LocalDate birthday = birthdayAhead(60);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            members.add(newMember(birthday.withYear(1980 + i).toString(), "UTC", "en"));
        }
        clockAt(birthday.atStartOfDay(ZoneOffset.UTC).toInstant().plus(12, ChronoUnit.HOURS));
        race(4, () -> jobs.run(JobName.BIRTHDAYS).written());
        for (String member : members) {
            assertEquals(1, grants(member));
            assertEquals(1, count("SELECT count(*) FROM birthday_grant g JOIN member m ON m.id = g.member_id"
                    + " WHERE m.external_id = ?1", member));
        }
    }

    private BigDecimal birthdayBonuses(String member) {
        return (BigDecimal) em.createNativeQuery("""
                SELECT coalesce(sum(t.amount), 0) FROM ledger_transaction t JOIN member m ON m.id = t.account_id
                WHERE m.external_id = ?1 AND t.source_type = 'JOB' AND t.source_id LIKE 'birthday:%'""")
                .setParameter(1, member).getSingleResult();
    }

    private String celebrating(LocalDate birthday) {
        return newMember(birthday.withYear(1990).toString(), "UTC", "en");
    }

    private void runOn(LocalDate birthday) {
        clockAt(birthday.atStartOfDay(ZoneOffset.UTC).toInstant().plus(12, ChronoUnit.HOURS));
        jobs.run(JobName.BIRTHDAYS);
    }

    @Test
    void everyBirthdayRuleInForceAddsUpAsForEvents() {
        more.activate(Map.of("name", "Birthday extra", "profile", "BIRTHDAY",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "250.00"))));
        LocalDate birthday = birthdayAhead(70);
        String member = celebrating(birthday);
        runOn(birthday);
        assertEquals(0, new BigDecimal("1250.00").compareTo(birthdayBonuses(member)));
        assertEquals(2, grants(member), "one credit per rule");
        jobs.run(JobName.BIRTHDAYS);
        assertEquals(2, grants(member), "and each once a year");
    }

    @Test
    void aBirthdayRuleForOneRankPaysOnlyMembersOfThatRank() {
        if (admin().get("/v1/admin/ranks/{code}", "SILVER_T").statusCode() == 404) {
            admin().body(Map.of("code", "SILVER_T", "name", "Silver", "position", 510, "minTotalPaid", "100000.00"))
                    .post("/v1/admin/ranks").then().statusCode(201);
            admin().body(Map.of("code", "GOLD_T", "name", "Gold", "position", 520, "minTotalPaid", "500000.00"))
                    .post("/v1/admin/ranks").then().statusCode(201);
        }
        more.activate(Map.of("name", "Gold birthday", "profile", "BIRTHDAY",
                "conditions", Map.of("memberRanks", List.of("GOLD_T")),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "500.00"))));
        LocalDate birthday = birthdayAhead(80);
        String gold = celebrating(birthday);
        String plain = celebrating(birthday);
        app.sarafan.support.ShopEvents.send(Map.of("type", "ORDER_PAID", "memberId", gold,
                "order", Map.of("id", "big-" + gold, "total", "600000.00"))).then().statusCode(200);
        shop().get("/v1/members/{id}/rank", gold).then().statusCode(200)
                .body("rank", org.hamcrest.Matchers.equalTo("GOLD_T"));

        runOn(birthday);
        assertEquals(0, new BigDecimal("1500.00").compareTo(birthdayBonuses(gold)), "the general and the gold rule");
        assertEquals(0, new BigDecimal("1000.00").compareTo(birthdayBonuses(plain)), "the general rule only");
    }

    @Test
    void aBirthdayRuleOutsideItsValidityPaysNothing() {
        more.activate(Map.of("name", "Next year's birthday", "profile", "BIRTHDAY",
                "validFrom", Instant.now().plus(3650, ChronoUnit.DAYS).toString(),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "300.00"))));
        LocalDate birthday = birthdayAhead(90);
        String member = celebrating(birthday);
        runOn(birthday);
        assertEquals(0, new BigDecimal("1000.00").compareTo(birthdayBonuses(member)));
    }

    @Test
    void aBirthdayRuleWithAnExpiryDateBurnsAtMidnightUtcWhateverTheMembersZone() {
        LocalDate birthday = birthdayAhead(100);
        LocalDate lastDay = LocalDate.of(birthday.getYear() + 1, 12, 31);
        more.activate(Map.of("name", "Birthday until year end", "profile", "BIRTHDAY",
                "expiresOn", lastDay.toString(),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "100.00"))));
        String east = newMember(birthday.withYear(1991).toString(), KIRITIMATI.getId(), "en");
        clockAt(birthday.atStartOfDay(KIRITIMATI).toInstant().plusSeconds(60));
        jobs.run(JobName.BIRTHDAYS);
        Object expires = em.createNativeQuery("""
                SELECT t.expires_at FROM ledger_transaction t JOIN member m ON m.id = t.account_id
                WHERE m.external_id = ?1 AND t.kind = 'ACCRUAL' AND t.amount = 100.00""").setParameter(1, east)
                .getSingleResult();
        assertEquals(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                app.sarafan.common.time.SqlInstants.of(expires));
    }

    @Test
    void aBirthdayRulesLimitAndNotificationSwitchApplyAsForEvents() {
        more.activate(Map.of("name", "First birthday with us, quietly", "profile", "BIRTHDAY",
                "limits", Map.of("perMember", 1), "notifications", Map.of("member", false),
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "FIXED", "value", "50.00"))));
        LocalDate birthday = birthdayAhead(110);
        String member = celebrating(birthday);
        runOn(birthday);
        assertEquals(0, new BigDecimal("1050.00").compareTo(birthdayBonuses(member)));
        assertEquals(1, count("SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id"
                + " WHERE m.external_id = ?1 AND n.kind = 'BIRTHDAY'", member), "only the general rule's email");
        runOn(birthday.plusYears(1));
        assertEquals(0, new BigDecimal("2050.00").compareTo(birthdayBonuses(member)),
                "next year the limited rule has paid its once");
    }
}
