package app.sarafan.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Every email in both languages, as a member (or, for operator alerts, the operator) reads it: no raw enum name (a status, a channel, a type, a rank code
 * when the rank has a name), and "bonuses" in the form its amount takes.
 */
@QuarkusTest
class MailTextsTest {

    private static final Recipient EN = new Recipient("a@example.com", "Anna", Locale.ENGLISH, ZoneId.of("UTC"));
    private static final Recipient RU = new Recipient("a@example.com", "Анна", Locale.forLanguageTag("ru"),
            ZoneId.of("Europe/Moscow"));
    /** A word in capitals with an underscore, or a capitalised constant the payloads carry. */
    private static final Pattern RAW = Pattern.compile(
            "\\b([A-Z]+_[A-Z_]+|LINK|COUPON|SITE|IMPORT|REQUESTED|APPROVED|REJECTED|PAID|CREDIT|DEBIT|GOLD|SILVER)\\b");

    @Inject
    Composer composer;

    private static Map<String, Object> payload(NotificationKind kind, String amount) {
        Map<String, Object> p = new HashMap<>();
        p.put("amount", amount);
        p.put("transactionId", "1");
        p.put("pending", false);
        p.put("availableFrom", "2026-11-25T13:00:00Z");
        p.put("expiresAt", "2026-12-25T13:00:00Z");
        p.put("reason", "Cashback 5 %");
        p.put("orderId", "58213");
        switch (kind) {
            case REFERRAL_REGISTERED -> p.put("via", "COUPON");
            case REFERRAL_PURCHASED -> p.put("referral", "cust-2");
            case WITHDRAWAL_STATUS -> {
                p.put("withdrawalId", "w1");
                p.put("status", "REJECTED");
                p.put("reason", "details do not match");
            }
            case RANK_CHANGED -> {
                p.put("from", "SILVER");
                p.put("fromName", "Silver");
                p.put("to", "GOLD");
                p.put("toName", "Gold");
            }
            case BALANCE_ADJUSTED -> p.put("type", "DEBIT");
            case REWARD_REDEEMED, REWARD_REDEMPTION_CANCELLED -> {
                p.put("rewardName", "Free delivery");
                p.put("rewardType", "FREE_SHIPPING");
                p.put("reason", "Ordered twice");
            }
            default -> {
            }
        }
        return p;
    }

    @Test
    void noEmailShowsARawEnumName() {
        for (NotificationKind kind : NotificationKind.values()) {
            for (Recipient to : List.of(EN, RU)) {
                Composer.Mail mail = composer.compose(kind, payload(kind, "300.00"), to);
                String text = mail.subject() + "\n" + mail.body();
                assertFalse(RAW.matcher(text).find(), kind + " in " + to.language() + ": " + text);
            }
        }
    }

    /** One SMS segment or two at most: GSM-7 holds 160 characters (UCS-2, for Russian, 70) per segment. */
    @Test
    void everyKindHasAShortSmsInBothLanguagesWithoutARawEnumName() {
        for (NotificationKind kind : NotificationKind.values()) {
            for (Recipient to : List.of(EN, RU)) {
                String sms = composer.composeSms(kind, payload(kind, "300.00"), to);
                assertFalse(sms.isBlank(), kind + " in " + to.language());
                assertFalse(sms.contains("\n"), kind + " in " + to.language() + ": " + sms);
                assertFalse(RAW.matcher(sms).find(), kind + " in " + to.language() + ": " + sms);
                assertTrue(sms.length() <= (to.language().equals("ru") ? 134 : 306),
                        kind + " in " + to.language() + " takes " + sms.length() + " characters: " + sms);
            }
        }
        assertEquals("You received 300.00 bonuses. They burn on 2026-12-25.",
                composer.composeSms(NotificationKind.BONUS_ACCRUED, payload(NotificationKind.BONUS_ACCRUED,
                        "300.00"), EN));
    }

    private static final Recipient OPERATOR_EN = new Recipient("ops@shop.example", null, Locale.ENGLISH,
            ZoneId.of("UTC"));
    private static final Recipient OPERATOR_RU = new Recipient("ops@shop.example", null, Locale.forLanguageTag("ru"),
            ZoneId.of("UTC"));

    /** What WebhookDelivery and CampaignBudgets put in the payloads of operator alerts. */
    private static Map<String, Object> alert(OperatorAlertKind kind, String period, Integer threshold) {
        Map<String, Object> p = new HashMap<>();
        switch (kind) {
            case WEBHOOK_DISABLED -> {
                p.put("endpointId", "7");
                p.put("url", "https://shop.example/hooks");
                p.put("description", null);
                p.put("failingSince", "2026-12-04T10:00:00Z");
                p.put("failures", 12);
                p.put("reason", "12 consecutive failed deliveries over 3 days 0 h; last: HTTP 503");
            }
            case RULE_BUDGET_THRESHOLD -> {
                p.put("ruleId", "3");
                p.put("ruleName", "Newsletter bonus");
                p.put("threshold", threshold);
                p.put("period", period);
                p.put("periodStart", "2026-12-01");
                p.put("periodEnd", period.equals("LIFETIME") ? null : "2027-01-01");
                p.put("bonusesBudget", "1000.00");
                p.put("bonusesUsed", "800.00");
                p.put("grantsBudget", null);
                p.put("grantsUsed", 80);
            }
        }
        return p;
    }

    @Test
    void everyOperatorAlertReadsInBothLanguagesWithoutRawNames() {
        for (Recipient to : List.of(OPERATOR_EN, OPERATOR_RU)) {
            List<Composer.Mail> mails = new java.util.ArrayList<>();
            mails.add(composer.compose(OperatorAlertKind.WEBHOOK_DISABLED,
                    alert(OperatorAlertKind.WEBHOOK_DISABLED, null, null), to));
            for (String period : List.of("LIFETIME", "DAY", "WEEK", "MONTH")) {
                for (int threshold : new int[] {80, 100}) {
                    mails.add(composer.compose(OperatorAlertKind.RULE_BUDGET_THRESHOLD,
                            alert(OperatorAlertKind.RULE_BUDGET_THRESHOLD, period, threshold), to));
                }
            }
            for (Composer.Mail mail : mails) {
                String text = mail.subject() + "\n" + mail.body();
                assertFalse(RAW.matcher(text).find() || text.contains("LIFETIME") || text.contains("MONTH"),
                        to.language() + ": " + text);
            }
        }
        assertEquals(java.util.Set.of(), java.util.Arrays.stream(OperatorAlertKind.values()).map(Enum::name)
                .filter(n -> java.util.Arrays.stream(NotificationKind.values()).anyMatch(k -> k.name().equals(n)))
                .collect(java.util.stream.Collectors.toSet()), "one kind column: no name may be both");
    }

    @Test
    void operatorAlertsNameWhatHappenedAndWhatToDo() {
        Composer.Mail disabled = composer.compose(OperatorAlertKind.WEBHOOK_DISABLED,
                alert(OperatorAlertKind.WEBHOOK_DISABLED, null, null), OPERATOR_EN);
        assertEquals("Sarafan disabled the webhook endpoint https://shop.example/hooks", disabled.subject());
        assertEquals("""
                Sarafan stopped sending webhooks to https://shop.example/hooks (endpoint 7).

                Its deliveries have failed without a single success since 2026-12-04T10:00:00Z (UTC): 12 failed attempts in a row.
                Why: 12 consecutive failed deliveries over 3 days 0 h; last: HTTP 503

                New events still wait for it; nothing is lost. Once the receiver works again, enable it with
                POST /v1/admin/webhooks/7/enable (an administrator's token): every waiting delivery is then sent, oldest first.
                The attempts are listed by GET /v1/admin/webhooks/7/deliveries.
                """, disabled.body());
        Composer.Mail warning = composer.compose(OperatorAlertKind.RULE_BUDGET_THRESHOLD,
                alert(OperatorAlertKind.RULE_BUDGET_THRESHOLD, "MONTH", 80), OPERATOR_EN);
        assertEquals("Rule \"Newsletter bonus\" has used 80 % of its campaign budget", warning.subject());
        assertTrue(warning.body().startsWith("Rule \"Newsletter bonus\" (id 3) has used 80 % of its campaign budget"
                + " for the month from 2026-12-01 (it starts afresh on 2027-01-01, UTC).\n\nBonuses: 800.00 of 1000.00"
                + " granted.\n\n"), warning.body());
        Composer.Mail full = composer.compose(OperatorAlertKind.RULE_BUDGET_THRESHOLD,
                alert(OperatorAlertKind.RULE_BUDGET_THRESHOLD, "LIFETIME", 100), OPERATOR_RU);
        assertEquals("Бюджет акции правила «Newsletter bonus» исчерпан", full.subject());
        assertTrue(full.body().startsWith("Правило «Newsletter bonus» (id 3) израсходовало весь бюджет акции"
                + " за всё время действия.\n"), full.body());
    }

    @Test
    void bonusesTakeTheFormOfTheirAmount() {
        Map<String, String> russian = Map.of("1.00", "Вам начислено 1.00 бонус", "2.00", "Вам начислено 2.00 бонуса",
                "5.00", "Вам начислено 5.00 бонусов", "21.00", "Вам начислено 21.00 бонус",
                "11.00", "Вам начислено 11.00 бонусов", "2.50", "Вам начислено 2.50 бонуса");
        russian.forEach((amount, subject) -> assertEquals(subject, composer.compose(NotificationKind.BONUS_ACCRUED,
                payload(NotificationKind.BONUS_ACCRUED, amount), RU).subject()));
        assertEquals("You received 1.00 bonus", composer.compose(NotificationKind.BONUS_ACCRUED,
                payload(NotificationKind.BONUS_ACCRUED, "1.00"), EN).subject());
        assertEquals("You received 2.00 bonuses", composer.compose(NotificationKind.BONUS_ACCRUED,
                payload(NotificationKind.BONUS_ACCRUED, "2.00"), EN).subject());
    }
}
