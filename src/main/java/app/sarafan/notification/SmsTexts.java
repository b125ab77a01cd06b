package app.sarafan.notification;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import app.sarafan.common.json.StoredJson;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The text of a member's SMS, for the sms package: the kind's SMS template in the member's language, filled from
 * the notification's stored payload the way its email is ({@link Composer#composeSms}).
 */
@ApplicationScoped
public class SmsTexts {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final Composer composer;
    private final StoredJson json;

    SmsTexts(Composer composer, StoredJson json) {
        this.composer = composer;
        this.json = json;
    }

    /**
     * {@code payload}: the notification row's JSON; {@code name}, {@code locale} (BCP 47) and {@code timeZone}
     * (IANA): the member's.
     */
    public String of(NotificationKind kind, String payload, String name, String locale, String timeZone) {
        Recipient to = new Recipient(null, name, Locale.forLanguageTag(locale), ZoneId.of(timeZone));
        return composer.composeSms(kind, json.read(payload, PAYLOAD), to);
    }
}
