package app.sarafan.notification;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a message's payload a feed entry shows as {@code data}: what an app needs to render or link the
 * entry (amounts, order, transaction, withdrawal, rank), never what is internal to Sarafan (rule ids, the
 * rule's notification switch) or about another member (a referral's external id, a fraud flag). Each kind names
 * its fields; a field the payload does not carry is left out. openapi.yaml ({@code NotificationData}) documents
 * the same lists.
 */
final class FeedData {

    /** A kind added later without its own list shows these, the two every bonus message may carry. */
    private static final List<String> DEFAULT = List.of("amount", "orderId");

    private static final Map<NotificationKind, List<String>> FIELDS = new EnumMap<>(NotificationKind.class);

    static {
        List<String> credit = List.of("amount", "transactionId", "orderId", "reason", "pending", "availableFrom",
                "expiresAt");
        FIELDS.put(NotificationKind.BONUS_ACCRUED, credit);
        FIELDS.put(NotificationKind.BIRTHDAY, credit);
        FIELDS.put(NotificationKind.BONUS_SPENT, List.of("amount", "orderId", "redemptionId"));
        FIELDS.put(NotificationKind.REFERRAL_REGISTERED, List.of("via"));
        FIELDS.put(NotificationKind.REFERRAL_PURCHASED, List.of("amount", "orderId", "first"));
        FIELDS.put(NotificationKind.EXPIRY_WARNING, List.of("amount", "expiresAt", "thresholdDays"));
        FIELDS.put(NotificationKind.WITHDRAWAL_STATUS, List.of("amount", "withdrawalId", "status", "reason"));
        FIELDS.put(NotificationKind.RANK_CHANGED, List.of("from", "to", "fromName", "toName", "cause"));
        FIELDS.put(NotificationKind.BALANCE_ADJUSTED, List.of("amount", "type", "transactionId", "reason", "pending",
                "availableFrom", "expiresAt"));
        List<String> reward = List.of("amount", "redemptionId", "rewardCode", "rewardName", "rewardType");
        FIELDS.put(NotificationKind.REWARD_REDEEMED, reward);
        FIELDS.put(NotificationKind.REWARD_REDEMPTION_CANCELLED, reward);
    }

    private FeedData() {
    }

    static Map<String, Object> of(NotificationKind kind, Map<String, Object> payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String field : FIELDS.getOrDefault(kind, DEFAULT)) {
            if (payload.containsKey(field)) {
                data.put(field, payload.get(field));
            }
        }
        return data;
    }
}
