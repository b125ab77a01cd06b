package app.sarafan.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Every email in both languages, as a member reads it: no raw enum name (a status, a channel, a type, a rank code
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
