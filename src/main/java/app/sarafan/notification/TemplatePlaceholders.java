package app.sarafan.notification;

import java.util.ArrayList;
import java.util.List;

/**
 * What a template of each kind may name: the fields of the payload that kind's events carry (the publishers are
 * named per kind) and the values Composer adds to every payload ({@link #COMMON}). A template naming anything else
 * is refused when saved, and one that leaves out a {@link Of#required()} placeholder too: a BONUS_ACCRUED email
 * that does not say how much was credited is not one. The switches have no default, so a new kind does not
 * compile until it has its list; TemplatePlaceholdersTest checks every shipped template against these lists.
 */
final class TemplatePlaceholders {

    /** Composer's own data: the recipient's name, payload instants as dates in their zone, the word for bonuses. */
    static final List<String> COMMON = List.of("name", "expiresOn", "availableOn", "bonuses");

    /** The payload fields of a kind, and those of them (or of {@link #COMMON}) that its texts must show. */
    record Of(List<String> fields, List<String> required) {

        List<String> allowed() {
            List<String> all = new ArrayList<>(fields);
            all.addAll(COMMON);
            return List.copyOf(all);
        }
    }

    /** earning/Grants: a rule's credit (BIRTHDAY is the same event, of the birthday profile). */
    private static final List<String> ACCRUAL = List.of("transactionId", "amount", "pending", "availableFrom",
            "expiresAt", "profile", "ruleId", "reason", "orderId", "role", "level", "referral", "notified");

    private TemplatePlaceholders() {
    }

    static Of of(NotificationKind kind) {
        return switch (kind) {
            case BONUS_ACCRUED, BIRTHDAY -> new Of(ACCRUAL, List.of("amount"));
            // redemption/Redemptions
            case BONUS_SPENT -> new Of(List.of("amount", "orderId", "redemptionId"), List.of("amount"));
            // referral/ReferralBinding
            case REFERRAL_REGISTERED -> new Of(List.of("member", "referrer", "via", "atRegistration", "flagged"),
                    List.of());
            // event/OrderEvents
            case REFERRAL_PURCHASED -> new Of(List.of("referral", "orderId", "amount", "first"), List.of("amount"));
            // job/ExpiryWarningChunk
            case EXPIRY_WARNING -> new Of(List.of("amount", "expiresAt", "thresholdDays"),
                    List.of("amount", "expiresOn"));
            // withdrawal/Withdrawals
            case WITHDRAWAL_STATUS -> new Of(List.of("withdrawalId", "status", "amount", "reason"),
                    List.of("amount", "status"));
            // rank/MemberStanding
            case RANK_CHANGED -> new Of(List.of("from", "fromName", "to", "toName", "cause"), List.of("to"));
            // ledger/AdjustmentService
            case BALANCE_ADJUSTED -> new Of(List.of("transactionId", "type", "amount", "reason", "pending",
                    "availableFrom", "expiresAt"), List.of("amount", "type"));
            // rewards/RewardRedemptions
            case REWARD_REDEEMED -> new Of(List.of("redemptionId", "rewardCode", "rewardName", "rewardType", "price",
                    "amount", "transactionId", "discountAmount"), List.of("rewardName"));
            case REWARD_REDEMPTION_CANCELLED -> new Of(List.of("redemptionId", "rewardCode", "rewardName",
                    "rewardType", "price", "amount", "reason"), List.of("rewardName"));
        };
    }

    static Of of(OperatorAlertKind kind) {
        return switch (kind) {
            // webhook/WebhookDelivery
            case WEBHOOK_DISABLED -> new Of(List.of("endpointId", "url", "description", "failingSince", "failures",
                    "reason"), List.of("url"));
            // earning/CampaignBudgets
            case RULE_BUDGET_THRESHOLD -> new Of(List.of("ruleId", "ruleName", "threshold", "period", "periodStart",
                    "periodEnd", "bonusesBudget", "bonusesUsed", "grantsBudget", "grantsUsed"),
                    List.of("ruleId", "threshold"));
        };
    }

    /** {@code kind}: the name of a {@link NotificationKind} or of an {@link OperatorAlertKind}. */
    static Of of(String kind) {
        for (OperatorAlertKind alert : OperatorAlertKind.values()) {
            if (alert.name().equals(kind)) {
                return of(alert);
            }
        }
        return of(NotificationKind.valueOf(kind));
    }
}
