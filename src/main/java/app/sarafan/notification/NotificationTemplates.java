package app.sarafan.notification;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.http.IfMatch;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Administrators' templates: read them, save a new version (based on the version they read: If-Match), reset one
 * to the shipped default (a new version too, so the history keeps what was replaced), preview one with sample data.
 * Every save and reset is audited; refusals leave nothing.
 */
@ApplicationScoped
public class NotificationTemplates {

    private final TemplateVersions versions;
    private final ShippedTemplates shipped;
    private final TemplateCheck check;
    private final Composer composer;
    private final AuditLog audit;
    private final AppClock clock;

    NotificationTemplates(TemplateVersions versions, ShippedTemplates shipped, TemplateCheck check, Composer composer,
            AuditLog audit, AppClock clock) {
        this.versions = versions;
        this.shipped = shipped;
        this.check = check;
        this.composer = composer;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every template, optionally of one channel, kind or locale (an unknown value is a 400 naming the filter). */
    @Transactional
    public NotificationTemplateList list(String channel, String kind, String locale) {
        if (channel != null && !channel.equals("EMAIL") && !channel.equals("SMS")) {
            throw ProblemException.invalid("channel", "must be EMAIL or SMS");
        }
        if (kind != null && !TemplateKey.kinds(Channel.EMAIL).contains(kind)) {
            throw ProblemException.invalid("kind", "must be one of " + String.join(", ", TemplateKey.kinds(
                    Channel.EMAIL)));
        }
        if (locale != null && !TemplateKey.LOCALES.contains(locale)) {
            throw ProblemException.invalid("locale", "must be en or ru");
        }
        Map<TemplateKey, TemplateVersions.Saved> saved = versions.currentOfAll();
        return new NotificationTemplateList(TemplateKey.all().stream()
                .filter(k -> channel == null || k.channel().name().equals(channel))
                .filter(k -> kind == null || k.kind().equals(kind))
                .filter(k -> locale == null || k.locale().equals(locale))
                .map(k -> {
                    TemplateVersions.Saved s = saved.get(k);
                    return s == null
                            ? new NotificationTemplateSummary(k.channel(), k.kind(), k.locale(), 0, true, null, null)
                            : new NotificationTemplateSummary(k.channel(), k.kind(), k.locale(), s.version(),
                                    s.isDefault(), s.createdAt(), s.createdBy());
                }).toList());
    }

    @Transactional
    public NotificationTemplateView get(TemplateKey key) {
        return view(key, versions.current(key));
    }

    @Transactional
    public NotificationTemplateView update(TemplateKey key, Integer expectedVersion,
            NotificationTemplateRequest request, String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "template version");
        NotificationTemplateView before = get(key);
        IfMatch.matches(basedOn, before.version(), "template " + key.id());
        TemplateText text = check.check(key, request);
        return write(key, basedOn, text, before, AuditAction.NOTIFICATION_TEMPLATE_UPDATED, administrator);
    }

    /** Back to the shipped template, as a new version; a template at its default already stays as it is. */
    @Transactional
    public NotificationTemplateView reset(TemplateKey key, Integer expectedVersion, String administrator) {
        int basedOn = IfMatch.required(expectedVersion, "template version");
        NotificationTemplateView before = get(key);
        IfMatch.matches(basedOn, before.version(), "template " + key.id());
        if (before.isDefault()) {
            return before;
        }
        return write(key, basedOn, null, before, AuditAction.NOTIFICATION_TEMPLATE_RESET, administrator);
    }

    /**
     * The saved versions, newest first, each as it was in force (a reset shows the shipped template); version 0,
     * the shipped template never edited, is no saved version.
     */
    @Transactional
    public Page<NotificationTemplateView> versions(TemplateKey key, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        List<TemplateVersions.Saved> rows = versions.history(key, Cursor.decode(cursor), size + 1);
        return new Page<>(rows.stream().limit(size).map(s -> view(key, Optional.of(s))).toList(),
                rows.size() > size ? Cursor.encode(rows.get(size - 1).version()) : null);
    }

    /** The template sent ({@code request} null: the current one) rendered with the kind's sample data. */
    @Transactional
    public TemplatePreview preview(TemplateKey key, NotificationTemplateRequest request) {
        Integer version = null;
        TemplateText text;
        if (request == null) {
            NotificationTemplateView current = get(key);
            version = current.version();
            text = new TemplateText(current.subject(), current.text(), current.html());
        } else {
            text = check.check(key, request);
        }
        Map<String, Object> data = Composer.data(key.kind(), TemplateSamples.payload(key.kind()),
                TemplateSamples.recipient(key.locale(), TemplateSamples.isOperatorAlert(key.kind())));
        if (key.channel() == Channel.SMS) {
            String sms = composer.composeSms(key, text, data);
            return new TemplatePreview(key.channel(), key.kind(), key.locale(), version, null, sms, null,
                    SmsLength.of(sms), data);
        }
        Composer.Mail mail = composer.compose(key, text, data);
        return new TemplatePreview(key.channel(), key.kind(), key.locale(), version, mail.subject(), mail.body(),
                mail.html(), null, data);
    }

    private NotificationTemplateView write(TemplateKey key, int basedOn, TemplateText text,
            NotificationTemplateView before, AuditAction action, String administrator) {
        if (!versions.write(key, basedOn + 1, text, clock.now(), administrator)) {
            // Somebody saved on the same version a moment before: their version is the current one now.
            IfMatch.matches(basedOn, basedOn + 1, "template " + key.id());
        }
        NotificationTemplateView after = get(key);
        audit.record(administrator, action, AuditEntityType.NOTIFICATION_TEMPLATE, key.id(), before, after);
        return after;
    }

    private NotificationTemplateView view(TemplateKey key, Optional<TemplateVersions.Saved> saved) {
        if (saved.isEmpty() || saved.get().isDefault()) {
            TemplateText text = shipped.of(key);
            return new NotificationTemplateView(key.channel(), key.kind(), key.locale(),
                    saved.map(TemplateVersions.Saved::version).orElse(0), true, text.subject(), text.text(),
                    text.html(), saved.map(TemplateVersions.Saved::createdAt).orElse(null),
                    saved.map(TemplateVersions.Saved::createdBy).orElse(null));
        }
        TemplateVersions.Saved s = saved.get();
        return new NotificationTemplateView(key.channel(), key.kind(), key.locale(), s.version(), false,
                s.text().subject(), s.text().text(), s.text().html(), s.createdAt(), s.createdBy());
    }

}
