package app.sarafan.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import app.sarafan.support.ApiTest;
import app.sarafan.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A member's choice per kind and channel (email, feed, SMS): partial changes, {@code enabled} kept as the email
 * channel for the clients written before channels, one opt-out row per kind and channel (what the senders read),
 * and refusals that name the field.
 */
@QuarkusTest
class NotificationPreferencesTest extends ApiTest {

    @Inject
    DataSource dataSource;

    private static void preferences(String member, Map<String, Object> preference) {
        member(member).contentType("application/json").body(Map.of("preferences", List.of(preference)))
                .put("/v1/me/notification-preferences").then().statusCode(200);
    }

    @Test
    void eachChannelOfAKindIsChosenApartAndEnabledIsTheEmailChannel() {
        String member = newMember();
        member(member).get("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences", hasSize(NotificationKind.values().length))
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.enabled", equalTo(true))
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.channels",
                        equalTo(Map.of("email", true, "feed", true, "sms", true)));

        preferences(member, Map.of("kind", "BONUS_SPENT", "channels", Map.of("sms", false)));
        preferences(member, Map.of("kind", "BONUS_SPENT", "enabled", false));
        member(member).contentType("application/json").body(Map.of("preferences", List.of(
                        Map.of("kind", "RANK_CHANGED", "enabled", true, "channels", Map.of("email", true, "feed", false)))))
                .put("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.enabled", equalTo(false))
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.channels",
                        equalTo(Map.of("email", false, "feed", true, "sms", false)))
                .body("preferences.find { it.kind == 'RANK_CHANGED' }.channels",
                        equalTo(Map.of("email", true, "feed", false, "sms", true)))
                .body("preferences.find { it.kind == 'EXPIRY_WARNING' }.channels",
                        equalTo(Map.of("email", true, "feed", true, "sms", true)));
        // What the SMS sender and MailDelivery read: one opt-out row per kind and channel.
        assertEquals(List.of("BONUS_SPENT EMAIL", "BONUS_SPENT SMS", "RANK_CHANGED FEED"),
                new Database(dataSource).column("""
                        SELECT o.kind || ' ' || o.channel FROM notification_opt_out o JOIN member m ON m.id = o.member_id
                        WHERE m.external_id = '%s' ORDER BY 1""".formatted(member)));

        preferences(member, Map.of("kind", "BONUS_SPENT", "channels", Map.of("email", true, "sms", true)));
        member(member).get("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.enabled", equalTo(true))
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.channels",
                        equalTo(Map.of("email", true, "feed", true, "sms", true)));
    }

    @Test
    void aChangeThatNamesNoChannelOrContradictsItselfIsRefused() {
        String member = newMember();
        refused(member, Map.of("kind", "BONUS_SPENT"), "preferences[0]");
        refused(member, Map.of("kind", "BONUS_SPENT", "channels", Map.of()), "preferences[0].channels");
        refused(member, Map.of("kind", "BONUS_SPENT", "enabled", false, "channels", Map.of("email", true)),
                "preferences[0].channels.email");
        refused(member, Map.of("kind", "BONUS_SPENT", "channels", Map.of("fax", false)), "preferences[0].channels.fax");
        refused(member, Map.of("kind", "BONUS_SPENT", "channels", Map.of("sms", "no")), "preferences[0].channels.sms");
        member(member).get("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'BONUS_SPENT' }.channels",
                        equalTo(Map.of("email", true, "feed", true, "sms", true)));
    }

    private static void refused(String member, Map<String, Object> preference, String field) {
        member(member).contentType("application/json").body(Map.of("preferences", List.of(preference)))
                .put("/v1/me/notification-preferences").then().statusCode(400)
                .body("errors[0].field", equalTo(field));
    }
}
