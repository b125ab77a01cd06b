package app.sarafan.notification;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Made-up data of every kind, as its events carry it (the worked example's sports shop): what a preview renders, what a
 * template is tried with before it is saved, and what the tests of the shipped texts use.
 */
final class TemplateSamples {

    private TemplateSamples() {
    }

    /** The member (or, for operator alerts, the operator) a sample is written to. */
    static Recipient recipient(String language, boolean operator) {
        boolean russian = language.equals("ru");
        Locale locale = russian ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
        if (operator) {
            return new Recipient("ops@shop.example", null, locale, ZoneOffset.UTC);
        }
        return new Recipient("anna@example.com", russian ? "Анна" : "Anna", locale, ZoneId.of("Europe/Moscow"));
    }

    static boolean isOperatorAlert(String kind) {
        for (OperatorAlertKind alert : OperatorAlertKind.values()) {
            if (alert.name().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** {@code kind}: the name of a {@link NotificationKind} or of an {@link OperatorAlertKind}. */
    static Map<String, Object> payload(String kind) {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (kind) {
            case "BONUS_ACCRUED", "BIRTHDAY" -> {
                p.put("transactionId", "4711");
                p.put("amount", "500.00");
                p.put("pending", false);
                p.put("availableFrom", "2026-11-25T13:00:00Z");
                p.put("expiresAt", "2026-12-25T13:00:00Z");
                p.put("profile", kind.equals("BIRTHDAY") ? "BIRTHDAY" : "ORDER_PAID");
                p.put("ruleId", "3");
                p.put("reason", kind.equals("BIRTHDAY") ? "Birthday gift" : "5 % cashback on order 58213");
                p.put("orderId", kind.equals("BIRTHDAY") ? null : "58213");
                p.put("role", "BUYER");
                p.put("level", null);
                p.put("referral", null);
                p.put("notified", true);
            }
            case "BONUS_SPENT" -> {
                p.put("amount", "2000.00");
                p.put("orderId", "58213");
                p.put("redemptionId", "91");
            }
            case "REFERRAL_REGISTERED" -> {
                p.put("member", "cust-10043");
                p.put("referrer", "cust-10042");
                p.put("via", "COUPON");
                p.put("atRegistration", true);
                p.put("flagged", false);
            }
            case "REFERRAL_PURCHASED" -> {
                p.put("referral", "cust-10043");
                p.put("orderId", "58214");
                p.put("amount", "10000.00");
                p.put("first", true);
            }
            case "EXPIRY_WARNING" -> {
                p.put("amount", "300.00");
                p.put("expiresAt", "2026-12-25T13:00:00Z");
                p.put("thresholdDays", 7);
            }
            case "WITHDRAWAL_STATUS" -> {
                p.put("withdrawalId", "12");
                p.put("status", "REJECTED");
                p.put("amount", "3000.00");
                p.put("reason", "The card number does not match the holder");
            }
            case "RANK_CHANGED" -> {
                p.put("from", "SILVER");
                p.put("fromName", "Silver");
                p.put("to", "GOLD");
                p.put("toName", "Gold");
                p.put("cause", "EVENT");
            }
            case "BALANCE_ADJUSTED" -> {
                p.put("transactionId", "4712");
                p.put("type", "CREDIT");
                p.put("amount", "250.00");
                p.put("reason", "Apology for a late delivery");
                p.put("pending", false);
                p.put("availableFrom", null);
                p.put("expiresAt", "2027-01-25T13:00:00Z");
            }
            case "REWARD_REDEEMED", "REWARD_REDEMPTION_CANCELLED" -> {
                p.put("redemptionId", "31");
                p.put("rewardCode", "SHIP-FREE");
                p.put("rewardName", "Free delivery");
                p.put("rewardType", "FREE_SHIPPING");
                p.put("price", "500.00");
                p.put("amount", "500.00");
                if (kind.equals("REWARD_REDEEMED")) {
                    p.put("transactionId", "4713");
                    p.put("discountAmount", null);
                } else {
                    p.put("reason", "Ordered twice");
                }
            }
            case "WEBHOOK_DISABLED" -> {
                p.put("endpointId", "7");
                p.put("url", "https://shop.example/hooks");
                p.put("description", "CRM sync");
                p.put("failingSince", "2026-12-04T10:00:00Z");
                p.put("failures", 12);
                p.put("reason", "12 consecutive failed deliveries over 3 days 0 h; last: HTTP 503");
            }
            case "RULE_BUDGET_THRESHOLD" -> {
                p.put("ruleId", "3");
                p.put("ruleName", "Newsletter bonus");
                p.put("threshold", 80);
                p.put("period", "MONTH");
                p.put("periodStart", "2026-12-01");
                p.put("periodEnd", "2027-01-01");
                p.put("bonusesBudget", "1000.00");
                p.put("bonusesUsed", "800.00");
                p.put("grantsBudget", null);
                p.put("grantsUsed", 80);
            }
            default -> throw new IllegalArgumentException("No sample for " + kind);
        }
        return Collections.unmodifiableMap(p);
    }
}
