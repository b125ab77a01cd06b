package app.sarafan.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import app.sarafan.common.text.RussianPlural;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Writes a message from its kind, the event's payload and the recipient's language, with the template the shop
 * saved for that kind and language ({@link TemplateVersions}, read afresh for every message) or else the shipped
 * one ({@link ShippedTemplates}). An email has a subject (one line), a plain text and an HTML body; an SMS one line
 * of text. Besides the payload's fields a template gets {@code name}, the instants of the payload
 * ({@code expiresAt}, {@code availableFrom}) as dates in the member's time zone ({@code expiresOn},
 * {@code availableOn}), and the word {@code bonuses} in the form the payload's {@code amount} takes in the member's
 * language; every placeholder the kind allows ({@link TemplatePlaceholders}) is there, null when the payload lacks
 * it. Values are HTML-escaped in the HTML body only. Operator alerts ({@link OperatorAlertKind}) are written the
 * same way.
 *
 * <p>A saved template that fails to render for some payload (it rendered the sample data when it was saved, but a
 * real value can differ) does not hold the message back: the shipped template writes it, and the failure is logged.
 */
@ApplicationScoped
class Composer {

    private static final Logger LOG = Logger.getLogger(Composer.class);
    private static final int CACHED_VERSIONS = 256;

    /** {@code html} is the HTML alternative of the plain text {@code body}. */
    record Mail(String subject, String body, String html) {
    }

    /** A template parsed: subject and html are null for an SMS. */
    private record Compiled(Template subject, Template text, Template html) {
    }

    private final Engine engine;
    private final ShippedTemplates shipped;
    private final TemplateVersions versions;
    private final Map<TemplateKey, Compiled> defaults = new ConcurrentHashMap<>();
    /** Saved versions parsed, by row id (a row never changes); the least recently used go first. */
    private final Map<Long, Compiled> saved = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Compiled> eldest) {
                    return size() > CACHED_VERSIONS;
                }
            });

    Composer(Engine engine, ShippedTemplates shipped, TemplateVersions versions) {
        this.engine = engine;
        this.shipped = shipped;
        this.versions = versions;
    }

    Mail compose(NotificationKind kind, Map<String, Object> payload, Recipient to) {
        return compose(kind.name(), payload, to);
    }

    Mail compose(OperatorAlertKind kind, Map<String, Object> payload, Recipient to) {
        return compose(kind.name(), payload, to);
    }

    /** {@code kind}: the name of a {@link NotificationKind} or of an {@link OperatorAlertKind}. */
    Mail compose(String kind, Map<String, Object> payload, Recipient to) {
        TemplateKey key = new TemplateKey(Channel.EMAIL, kind, to.language());
        Map<String, Object> data = data(kind, payload, to);
        return current(key, compiled -> mail(compiled, data));
    }

    /** The text of an SMS: one short message on one line, same data as the email's. */
    String composeSms(NotificationKind kind, Map<String, Object> payload, Recipient to) {
        TemplateKey key = new TemplateKey(Channel.SMS, kind.name(), to.language());
        Map<String, Object> data = data(kind.name(), payload, to);
        return current(key, compiled -> sms(compiled, data));
    }

    /** An email from a template that is not saved (a preview, a check before saving); errors are thrown. */
    Mail compose(TemplateKey key, TemplateText text, Map<String, Object> data) {
        return mail(compile(key, text, "unsaved"), data);
    }

    /** An SMS from a template that is not saved; errors are thrown. */
    String composeSms(TemplateKey key, TemplateText text, Map<String, Object> data) {
        return sms(compile(key, text, "unsaved"), data);
    }

    /** What a template of {@code kind} is given, in the order of the kind's placeholders, then any other field. */
    static Map<String, Object> data(String kind, Map<String, Object> payload, Recipient to) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String placeholder : TemplatePlaceholders.of(kind).fields()) {
            data.put(placeholder, null);
        }
        data.putAll(payload);
        data.put("name", to.name() == null ? "" : to.name());
        data.put("expiresOn", date(payload.get("expiresAt"), to));
        data.put("availableOn", date(payload.get("availableFrom"), to));
        data.put("bonuses", bonusesWord(payload.get("amount"), to));
        return data;
    }

    private <T> T current(TemplateKey key, Function<Compiled, T> render) {
        Optional<TemplateVersions.Saved> current = versions.current(key);
        if (current.isEmpty() || current.get().isDefault()) {
            return render.apply(shipped(key));
        }
        TemplateVersions.Saved version = current.get();
        try {
            return render.apply(saved.computeIfAbsent(version.id(),
                    id -> compile(key, version.text(), "v" + version.version())));
        } catch (RuntimeException e) {
            LOG.warnf("Template %s version %d failed to render, the shipped one wrote the message: %s", key.id(),
                    version.version(), e.getMessage());
            return render.apply(shipped(key));
        }
    }

    private Compiled shipped(TemplateKey key) {
        return defaults.computeIfAbsent(key, k -> compile(k, shipped.of(k), "shipped"));
    }

    private Compiled compile(TemplateKey key, TemplateText text, String which) {
        String id = key.id() + " " + which + " ";
        return new Compiled(text.subject() == null ? null : engine.parse(text.subject(), plain(), id + "subject"),
                engine.parse(text.text(), plain(), id + "text"),
                text.html() == null ? null : engine.parse(text.html(), Variant.forContentType(Variant.TEXT_HTML),
                        id + "html"));
    }

    private static Variant plain() {
        return Variant.forContentType(Variant.TEXT_PLAIN);
    }

    private static Mail mail(Compiled compiled, Map<String, Object> data) {
        String subject = render(compiled.subject(), data).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return new Mail(subject, render(compiled.text(), data).strip() + "\n", render(compiled.html(), data));
    }

    private static String sms(Compiled compiled, Map<String, Object> data) {
        return render(compiled.text(), data).strip().replaceAll("\\s+", " ");
    }

    private static String render(Template template, Map<String, Object> data) {
        TemplateInstance instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
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
