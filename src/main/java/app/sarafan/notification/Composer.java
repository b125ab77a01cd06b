package app.sarafan.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import app.sarafan.common.text.RussianPlural;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an email from its kind, the event's payload and the recipient's language: the Qute template
 * {@code templates/mail/<KIND>.<en|ru>.txt}, whose first line is the subject. Instants of the payload
 * ({@code expiresAt}, {@code availableFrom}) are also given as dates in the member's time zone
 * ({@code expiresOn}, {@code availableOn}), and the word {@code bonuses} in the form the payload's {@code amount}
 * takes in the member's language. Operator alerts ({@link OperatorAlertKind}) use the same templates folder.
 * An SMS is written the same way from {@code templates/sms/}.
 */
@ApplicationScoped
class Composer {

    record Mail(String subject, String body) {
    }

    private final Engine engine;

    Composer(Engine engine) {
        this.engine = engine;
    }

    Mail compose(NotificationKind kind, Map<String, Object> payload, Recipient to) {
        return compose(kind.name(), payload, to);
    }

    Mail compose(OperatorAlertKind kind, Map<String, Object> payload, Recipient to) {
        return compose(kind.name(), payload, to);
    }

    /** {@code kind}: the name of a {@link NotificationKind} or of an {@link OperatorAlertKind}. */
    Mail compose(String kind, Map<String, Object> payload, Recipient to) {
        String text = render("mail/", kind, payload, to);
        int newline = text.indexOf('\n');
        return new Mail(text.substring(0, newline).strip(), text.substring(newline + 1).strip() + "\n");
    }

    /** The text of an SMS: {@code templates/sms/<KIND>.<en|ru>.txt}, one short message, same data as the email's. */
    String composeSms(NotificationKind kind, Map<String, Object> payload, Recipient to) {
        return render("sms/", kind.name(), payload, to).replaceAll("\\s+", " ");
    }

    private String render(String folder, String kind, Map<String, Object> payload, Recipient to) {
        Template template = engine.getTemplate(folder + kind + "." + to.language());
        if (template == null) {
            throw new IllegalStateException("No template " + folder + kind + " in " + to.language());
        }
        TemplateInstance instance = template.instance();
        payload.forEach(instance::data);
        instance.data("name", to.name() == null ? "" : to.name());
        instance.data("expiresOn", date(payload.get("expiresAt"), to));
        instance.data("availableOn", date(payload.get("availableFrom"), to));
        instance.data("bonuses", bonusesWord(payload.get("amount"), to));
        return instance.render().strip();
    }

    /** "bonuses" as the amount wants it: 1 bonus, 2 bonuses; 1 бонус, 2 бонуса, 5 бонусов, 21 бонус. */
    static String bonusesWord(Object amount, Recipient to) {
        boolean russian = to.language().equals("ru");
        if (!(amount instanceof String text) || text.isBlank()) {
            return russian ? "бонусов" : "bonuses";
        }
        BigDecimal value = new BigDecimal(text);
        if (russian) {
            return RussianPlural.of(value, "бонус", "бонуса", "бонусов");
        }
        return value.compareTo(BigDecimal.ONE) == 0 ? "bonus" : "bonuses";
    }

    private static String date(Object instant, Recipient to) {
        if (!(instant instanceof String text) || text.isBlank()) {
            return null;
        }
        return DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.parse(text).atZone(to.zone()));
    }
}
