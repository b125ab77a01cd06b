package app.sarafan.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import app.sarafan.event.EarningTest;
import app.sarafan.support.Database;
import app.sarafan.support.Eventually;
import app.sarafan.support.Race;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The member's feed in the cabinet, through HTTP: an accrual is an entry at once (written in the business
 * transaction, nothing drained), rendered for the member when read; read marks and counts; the feed is the member's
 * own; the feed channel hides a kind without touching its email and the email channel the other way round;
 * retention; pages stable under new entries; read-all racing new entries.
 */
@QuarkusTest
@WithTestResource(value = MailPort.class, scope = TestResourceScope.GLOBAL)
class NotificationFeedTest extends EarningTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void smtpUp() {
        MailServer.up();
    }

    private static String named(String name, String locale) {
        String externalId = "feed-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "name", name,
                "locale", locale, "timeZone", "Europe/Moscow")).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    private static JsonPath feed(String member, Object... query) {
        var request = member(member);
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        return request.get("/v1/me/notifications").then().statusCode(200).extract().jsonPath();
    }

    private static void preferences(String member, Map<String, Object> preference) {
        member(member).contentType("application/json").body(Map.of("preferences", List.of(preference)))
                .put("/v1/me/notification-preferences").then().statusCode(200);
    }

    private static void cashbackRule() {
        rule(Map.of("name", "Feed: cashback 5 %", "profile", "ORDER_PAID",
                "rewards", List.of(Map.of("recipient", "MEMBER", "type", "PERCENT", "value", "5.00"))));
    }

    private String outboxStatus(String member, String kind) {
        return new Database(dataSource).value("""
                SELECT n.status FROM notification n JOIN member m ON m.id = n.member_id
                WHERE m.external_id = '%s' AND n.kind = '%s'""".formatted(member, kind));
    }

    private static String subject(jakarta.mail.Message message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAccrualIsAnUnreadEntryOfTheFeedAtOnceWithItsTitleAndAmount() {
        cashbackRule();
        String anna = named("Anna", "en");
        paid(anna, order("feed-o-1", "1000.00")).then().statusCode(200).body("accruals[0].amount", equalTo("50.00"));

        JsonPath page = feed(anna);
        assertEquals(1, page.getInt("unreadCount"));
        assertEquals(1, page.getList("items").size());
        assertEquals("BONUS_ACCRUED", page.getString("items[0].kind"));
        assertEquals("You received 50.00 bonuses", page.getString("items[0].title"));
        assertTrue(page.getString("items[0].text").startsWith("Hello Anna,"), page.getString("items[0].text"));
        assertTrue(page.getString("items[0].text").contains("50.00 bonuses were credited to your account (Feed: cashback 5 %, order feed-o-1)"),
                page.getString("items[0].text"));
        assertNull(page.get("items[0].readAt"));
        assertEquals("50.00", page.getString("items[0].data.amount"));
        assertEquals("feed-o-1", page.getString("items[0].data.orderId"));
        assertNull(page.get("items[0].data.ruleId"), "rule ids are Sarafan's, not the member's");
        assertNull(page.get("items[0].data.notified"));
        assertNull(page.get("nextCursor"));

        // Written for the member when read: a changed locale shows at the next read.
        shop().body(Map.of("locale", "ru")).patch("/v1/members/{id}", anna).then().statusCode(200);
        assertEquals("Вам начислено 50.00 бонусов", feed(anna).getString("items[0].title"));
    }

    @Test
    void markingReadIsIdempotentAndReadAllAnswersTheNewUnreadCount() {
        String member = named("Boris", "en");
        credit(member, "10.00");
        credit(member, "20.00");
        credit(member, "30.00");
        JsonPath page = feed(member);
        assertEquals(3, page.getInt("unreadCount"));
        assertEquals(List.of("You received 30.00 bonuses", "You received 20.00 bonuses",
                "You received 10.00 bonuses"), page.getList("items.title"));
        assertEquals("BALANCE_ADJUSTED", page.getString("items[0].kind"));
        assertEquals("CREDIT", page.getString("items[0].data.type"));
        String oldest = page.getString("items[2].id");

        String readAt = member(member).post("/v1/me/notifications/{id}/read", oldest).then().statusCode(200)
                .body("id", equalTo(oldest)).body("readAt", notNullValue())
                .body("data.amount", equalTo("10.00")).extract().path("readAt");
        member(member).post("/v1/me/notifications/{id}/read", oldest).then().statusCode(200)
                .body("readAt", equalTo(readAt));
        assertEquals(2, feed(member).getInt("unreadCount"));
        JsonPath unread = feed(member, "unread", "true");
        assertEquals(List.of("You received 30.00 bonuses", "You received 20.00 bonuses"),
                unread.getList("items.title"));
        assertEquals(2, unread.getInt("unreadCount"));

        member(member).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));
        JsonPath after = feed(member);
        assertEquals(0, after.getInt("unreadCount"));
        assertEquals(3, after.getList("items").size());
        assertEquals(readAt, after.getString("items[2].readAt"), "read-all keeps the first readAt");
        assertTrue(after.getList("items.readAt").stream().allMatch(r -> r != null));
        assertEquals(0, feed(member, "unread", "true").getList("items").size());
        member(member).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));

        member(member).queryParam("unread", "yes").get("/v1/me/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("unread"));
        member(member).queryParam("limit", 101).get("/v1/me/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstAnswer() {
        String member = named("Vera", "en");
        credit(member, "5.00");
        String key = UUID.randomUUID().toString();
        member(member).header("Idempotency-Key", key).post("/v1/me/notifications/read-all").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("unreadCount", equalTo(0));
        credit(member, "6.00");
        member(member).header("Idempotency-Key", key).post("/v1/me/notifications/read-all").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("unreadCount", equalTo(0));
        assertEquals(1, feed(member).getInt("unreadCount"), "the replay changed nothing");
        member(member).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));
    }

    @Test
    void anotherMembersEntryCanNeitherBeSeenNorMarked() {
        String alice = named("Alice", "en");
        String bob = named("Bob", "en");
        credit(alice, "12.00");
        String entry = feed(alice).getString("items[0].id");

        JsonPath bobs = feed(bob);
        assertEquals(0, bobs.getInt("unreadCount"));
        assertEquals(0, bobs.getList("items").size());
        member(bob).post("/v1/me/notifications/{id}/read", entry).then().statusCode(404)
                .body("detail", equalTo("Notification '" + entry + "' does not exist"));
        member(bob).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));
        member(bob).post("/v1/me/notifications/{id}/read", "not-an-id").then().statusCode(404);
        member(bob).post("/v1/me/notifications/{id}/read", "99999999999").then().statusCode(404);
        assertEquals(1, feed(alice).getInt("unreadCount"), "Bob's calls left Alice's entry unread");
        assertNull(feed(alice).get("items[0].readAt"));

        RestAssured.given().get("/v1/me/notifications").then().statusCode(401);
        RestAssured.given().post("/v1/me/notifications/read-all").then().statusCode(401);
        RestAssured.given().post("/v1/me/notifications/{id}/read", entry).then().statusCode(401);
        shop().get("/v1/me/notifications").then().statusCode(403);
    }

    @Test
    void aKindTurnedOffOnTheFeedLeavesTheFeedButIsStillEmailed() {
        cashbackRule();
        String member = named("Dina", "en");
        preferences(member, Map.of("kind", "BONUS_ACCRUED", "channels", Map.of("feed", false)));
        paid(member, order("feed-o-2", "200.00")).then().statusCode(200).body("accruals[0].amount", equalTo("10.00"));

        JsonPath page = feed(member);
        assertEquals(0, page.getList("items").size());
        assertEquals(0, page.getInt("unreadCount"));
        Eventually.until(() -> "SENT".equals(outboxStatus(member, "BONUS_ACCRUED")), Duration.ofSeconds(20));
        assertEquals(1, MailServer.to(member).size());
        assertEquals("You received 10.00 bonuses", subject(MailServer.to(member).get(0)));
        member(member).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));

        // On again, the entry shows again, still unread: the switch hides, it does not mark.
        preferences(member, Map.of("kind", "BONUS_ACCRUED", "channels", Map.of("feed", true)));
        JsonPath shown = feed(member);
        assertEquals(1, shown.getInt("unreadCount"));
        assertEquals("You received 10.00 bonuses", shown.getString("items[0].title"));
    }

    @Test
    void aKindTurnedOffForEmailIsStillInTheFeed() {
        String member = named("Egor", "en");
        preferences(member, Map.of("kind", "BALANCE_ADJUSTED", "enabled", false));
        credit(member, "7.00");

        JsonPath page = feed(member);
        assertEquals(1, page.getInt("unreadCount"));
        assertEquals("You received 7.00 bonuses", page.getString("items[0].title"));
        Eventually.until(() -> "SKIPPED".equals(outboxStatus(member, "BALANCE_ADJUSTED")), Duration.ofSeconds(20));
        assertEquals(0, MailServer.to(member).size());
        assertEquals(1, feed(member).getInt("unreadCount"), "a skipped email stays in the feed");
    }

    @Test
    void entriesOlderThanTheRetentionLeaveTheFeedAndItsCount() {
        String member = named("Fedor", "en");
        credit(member, "8.00");
        String entry = feed(member).getString("items[0].id");

        clock.advance(Duration.ofDays(179));
        assertEquals(1, feed(member).getInt("unreadCount"), "179 days old: within the default 180");
        clock.advance(Duration.ofDays(2));
        JsonPath page = feed(member);
        assertEquals(0, page.getList("items").size());
        assertEquals(0, page.getInt("unreadCount"));
        member(member).post("/v1/me/notifications/{id}/read", entry).then().statusCode(404);
        credit(member, "9.00");
        JsonPath fresh = feed(member);
        assertEquals(List.of("You received 9.00 bonuses"), fresh.getList("items.title"));
        assertEquals(1, fresh.getInt("unreadCount"));
        assertEquals("1", new Database(dataSource).value("""
                SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id
                WHERE m.external_id = '%s' AND n.id = %s""".formatted(member, entry)),
                "the outbox row stays, as the mail log");
    }

    @Test
    void pagesStayStableWhileNewEntriesArrive() {
        String member = named("Galina", "en");
        for (int i = 1; i <= 5; i++) {
            credit(member, i + ".00");
        }
        List<String> seen = new ArrayList<>();
        JsonPath first = feed(member, "limit", 2);
        seen.addAll(first.getList("items.id"));
        assertEquals(List.of("You received 5.00 bonuses", "You received 4.00 bonuses"), first.getList("items.title"));
        credit(member, "6.00");
        credit(member, "7.00");
        JsonPath second = feed(member, "limit", 2, "cursor", first.getString("nextCursor"));
        seen.addAll(second.getList("items.id"));
        assertEquals(List.of("You received 3.00 bonuses", "You received 2.00 bonuses"),
                second.getList("items.title"));
        JsonPath third = feed(member, "limit", 2, "cursor", second.getString("nextCursor"));
        seen.addAll(third.getList("items.id"));
        assertEquals(List.of("You received 1.00 bonus"), third.getList("items.title"));
        assertNull(third.get("nextCursor"));
        assertEquals(7, third.getInt("unreadCount"), "the count is of the whole feed, new entries included");
        assertEquals(5, seen.stream().distinct().count());
        assertEquals(List.of("You received 7.00 bonuses", "You received 6.00 bonuses"),
                feed(member, "limit", 2).getList("items.title"));
        member(member).queryParam("cursor", "garbage").get("/v1/me/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void readAllRacingNewEntriesKeepsTheUnreadCountExact() throws Exception {
        String member = named("Hanna", "en");
        AtomicInteger racer = new AtomicInteger();
        Map<Integer, Integer> answers = Race.answers(16, () -> {
            if (racer.getAndIncrement() % 2 == 0) {
                credit(member, "1.00");
                return -1;
            }
            return member(member).post("/v1/me/notifications/read-all").then().statusCode(200)
                    .extract().<Integer>path("unreadCount");
        });
        assertEquals(8, answers.get(-1));
        assertTrue(answers.keySet().stream().allMatch(n -> n <= 8), answers.toString());

        JsonPath page = feed(member, "limit", 100);
        List<Object> readAt = page.getList("items.readAt");
        assertEquals(8, readAt.size(), "every credit is an entry");
        long unread = readAt.stream().filter(r -> r == null).count();
        assertEquals(unread, page.getInt("unreadCount"));
        assertEquals(unread, feed(member, "unread", "true", "limit", 100).getList("items").size());
        assertEquals(String.valueOf(unread), new Database(dataSource).value("""
                SELECT count(*) FROM notification n JOIN member m ON m.id = n.member_id
                WHERE m.external_id = '%s' AND n.read_at IS NULL""".formatted(member)));
        member(member).post("/v1/me/notifications/read-all").then().statusCode(200).body("unreadCount", equalTo(0));
        assertEquals(0, feed(member).getInt("unreadCount"));
    }
}
