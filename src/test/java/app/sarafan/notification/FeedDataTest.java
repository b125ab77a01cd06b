package app.sarafan.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a feed entry's {@code data} shows of a message's payload: the app's fields, never Sarafan's or another member's. */
class FeedDataTest {

    @Test
    void anAccrualShowsItsAmountOrderAndDatesButNotTheRuleOrItsNotificationSwitch() {
        Map<String, Object> payload = new HashMap<>();
        payload.put("transactionId", "1290");
        payload.put("amount", "50.00");
        payload.put("pending", false);
        payload.put("availableFrom", "2026-11-25T13:00:00Z");
        payload.put("expiresAt", null);
        payload.put("profile", "ORDER_PAID");
        payload.put("ruleId", "17");
        payload.put("reason", "Cashback 5 %");
        payload.put("orderId", "58213");
        payload.put("role", "MEMBER");
        payload.put("level", 0);
        payload.put("referral", null);
        payload.put("notified", true);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("amount", "50.00");
        expected.put("transactionId", "1290");
        expected.put("orderId", "58213");
        expected.put("reason", "Cashback 5 %");
        expected.put("pending", false);
        expected.put("availableFrom", "2026-11-25T13:00:00Z");
        expected.put("expiresAt", null);
        assertEquals(expected, FeedData.of(NotificationKind.BONUS_ACCRUED, payload));
    }

    @Test
    void aReferralShowsNeitherTheOtherMemberNorAFraudFlag() {
        assertEquals(Map.of("via", "LINK"), FeedData.of(NotificationKind.REFERRAL_REGISTERED, Map.of(
                "member", "cust-2", "referrer", "cust-1", "via", "LINK", "atRegistration", true, "flagged", true)));
        assertEquals(Map.of("amount", "1000.00", "orderId", "77", "first", true),
                FeedData.of(NotificationKind.REFERRAL_PURCHASED, Map.of("referral", "cust-2", "orderId", "77",
                        "amount", "1000.00", "first", true)));
    }

    @Test
    void aFieldThePayloadDoesNotCarryIsLeftOut() {
        assertEquals(Map.of("amount", "300.00", "withdrawalId", "81", "status", "APPROVED"),
                FeedData.of(NotificationKind.WITHDRAWAL_STATUS, Map.of("withdrawalId", "81", "status", "APPROVED",
                        "amount", "300.00")));
        assertEquals(Map.of("amount", "120.00", "expiresAt", "2026-12-01T00:00:00Z", "thresholdDays", 7),
                FeedData.of(NotificationKind.EXPIRY_WARNING, Map.of("amount", "120.00",
                        "expiresAt", "2026-12-01T00:00:00Z", "thresholdDays", 7)));
    }
}
