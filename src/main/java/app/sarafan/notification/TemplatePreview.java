package app.sarafan.notification;

import java.util.Map;

/**
 * A template rendered with its kind's sample data: {@code version} null for a template not saved; an email's
 * {@code subject}, {@code text} and {@code html}, or an SMS's {@code text} and {@code sms} (its length on the air).
 * {@code data} is what the template was given, every placeholder with its sample value.
 */
public record TemplatePreview(Channel channel, String kind, String locale, Integer version, String subject,
        String text, String html, SmsLength sms, Map<String, Object> data) {
}
