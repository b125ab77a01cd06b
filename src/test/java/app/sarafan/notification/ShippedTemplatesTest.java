package app.sarafan.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.error.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The shipped templates, the placeholder lists and the sample data cannot drift apart: every shipped template
 * passes the check a saved one must pass (its placeholders in its kind's list, its required ones used, the sample
 * data rendered, an SMS within two parts), and every kind's sample carries exactly the fields its list names.
 */
@QuarkusTest
class ShippedTemplatesTest {

    @Inject
    ShippedTemplates shipped;

    @Inject
    TemplateCheck check;

    @Inject
    Composer composer;

    @Test
    void everyShippedTemplatePassesTheCheckOfASavedOne() {
        List<String> refused = new ArrayList<>();
        for (TemplateKey key : TemplateKey.all()) {
            TemplateText text = shipped.of(key);
            try {
                TemplateText checked = check.check(key, new NotificationTemplateRequest(text.subject(), text.text(),
                        text.html()));
                assertEquals(text, checked, key.id());
            } catch (ProblemException e) {
                refused.add(key.id() + ": " + e.problem().errors());
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void everyKindHasPlaceholdersAndASampleOfExactlyThoseFields() {
        for (TemplateKey key : TemplateKey.all()) {
            TemplatePlaceholders.Of placeholders = TemplatePlaceholders.of(key.kind());
            assertEquals(placeholders.fields(), List.copyOf(TemplateSamples.payload(key.kind()).keySet()), key.id());
            assertTrue(placeholders.allowed().containsAll(placeholders.required()), key.id());
            assertTrue(placeholders.allowed().containsAll(TemplatePlaceholders.COMMON), key.id());
        }
        assertEquals(2 * (NotificationKind.values().length * 2 + OperatorAlertKind.values().length),
                TemplateKey.all().size(), "every member kind by email and SMS, operator alerts by email, in en and ru");
    }

    @Test
    void theShippedHtmlSaysWhatTheTextSaysInParagraphs() {
        TemplateKey key = new TemplateKey(Channel.EMAIL, "BONUS_ACCRUED", "en");
        Map<String, Object> data = Composer.data(key.kind(), TemplateSamples.payload(key.kind()),
                TemplateSamples.recipient("en", false));
        Composer.Mail mail = composer.compose(key, shipped.of(key), data);
        assertEquals("You received 500.00 bonuses", mail.subject());
        assertEquals("""
                Hello Anna,

                500.00 bonuses were credited to your account (5 % cashback on order 58213).
                They burn on 2026-12-25 if not spent.
                """, mail.body());
        assertEquals("""
                <!DOCTYPE html>
                <html lang="en">
                <body>
                <p>Hello Anna,</p>
                <p>500.00 bonuses were credited to your account (5 % cashback on order 58213).<br>
                They burn on 2026-12-25 if not spent.
                </p>
                </body>
                </html>
                """, mail.html());
    }

    @Test
    void valuesAreEscapedInTheHtmlOnly() {
        TemplateKey key = new TemplateKey(Channel.EMAIL, "BONUS_ACCRUED", "en");
        Map<String, Object> payload = new java.util.HashMap<>(TemplateSamples.payload(key.kind()));
        payload.put("reason", "<b>Black Friday</b> & \"more\"");
        Composer.Mail mail = composer.compose(key, shipped.of(key), Composer.data(key.kind(), payload,
                new Recipient("a@example.com", "<i>Anna</i>", java.util.Locale.ENGLISH, java.time.ZoneOffset.UTC)));
        assertTrue(mail.body().contains("Hello <i>Anna</i>,"), mail.body());
        assertTrue(mail.body().contains("(<b>Black Friday</b> & \"more\")"), mail.body());
        assertTrue(mail.html().contains("<p>Hello &lt;i&gt;Anna&lt;/i&gt;,</p>"), mail.html());
        assertTrue(mail.html().contains("(&lt;b&gt;Black Friday&lt;/b&gt; &amp; &quot;more&quot;)"), mail.html());
        assertFalse(mail.html().contains("<b>"), mail.html());
    }

    @Test
    void htmlFromTextEscapesTheLiteralTextAndKeepsTheTags() {
        assertEquals("""
                <!DOCTYPE html>
                <html lang="ru">
                <body>
                <p>Fish &amp; chips &lt;3 {#if a == 'x'}{amount}{/if}<br>
                next</p>
                <p>{#if x > 1}last
                {/if}</p>
                </body>
                </html>
                """, HtmlFromText.of("Fish & chips <3 {#if a == 'x'}{amount}{/if}\nnext\n\n\n{#if x > 1}last\n{/if}\n",
                "ru"));
    }

    @Test
    void smsLengthCountsPartsOfTheirEncoding() {
        assertEquals(new SmsLength(160, 1, "GSM7"), SmsLength.of("a".repeat(160)));
        assertEquals(new SmsLength(161, 2, "GSM7"), SmsLength.of("a".repeat(161)));
        assertEquals(new SmsLength(307, 3, "GSM7"), SmsLength.of("a".repeat(307)));
        assertEquals(new SmsLength(6, 1, "GSM7"), SmsLength.of("€[]"), "extension characters count twice");
        assertEquals(new SmsLength(70, 1, "UCS2"), SmsLength.of("б".repeat(70)));
        assertEquals(new SmsLength(71, 2, "UCS2"), SmsLength.of("б".repeat(71)));
        assertEquals(new SmsLength(135, 3, "UCS2"), SmsLength.of("б".repeat(135)));
    }

    @Test
    void aTemplateOfAnotherChannelsShapeIsRefused() {
        ProblemException sms = assertThrows(ProblemException.class, () -> check.check(
                new TemplateKey(Channel.SMS, "BONUS_ACCRUED", "en"),
                new NotificationTemplateRequest("Subject", "{amount} {bonuses}", "<p>{amount}</p>")));
        assertEquals(List.of("subject", "html"), sms.problem().errors().stream().map(e -> e.field()).toList());
    }
}
