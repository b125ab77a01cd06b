package app.sarafan.notification;

import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.ProblemException;

/**
 * One editable template: email of a member kind or an operator alert, or SMS of a member kind (operators get no
 * SMS), in English or Russian. {@link #id()} is how the admin API and the audit log name it.
 */
record TemplateKey(Channel channel, String kind, String locale) {

    static final List<String> LOCALES = List.of("en", "ru");

    String id() {
        return channel + "/" + kind + "/" + locale;
    }

    /** Every template there is, in the order the admin list shows them: by channel, kind, locale. */
    static List<TemplateKey> all() {
        List<TemplateKey> all = new ArrayList<>();
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            for (String kind : kinds(channel)) {
                for (String locale : LOCALES) {
                    all.add(new TemplateKey(channel, kind, locale));
                }
            }
        }
        return all;
    }

    static List<String> kinds(Channel channel) {
        List<String> kinds = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            kinds.add(kind.name());
        }
        if (channel == Channel.EMAIL) {
            for (OperatorAlertKind kind : OperatorAlertKind.values()) {
                kinds.add(kind.name());
            }
        }
        return kinds;
    }

    /** The template the path names, or 404: the path spells channel and kind in capitals, the locale in lower case. */
    static TemplateKey of(String channel, String kind, String locale) {
        TemplateKey key = new TemplateKey(channel.equals("EMAIL") ? Channel.EMAIL
                : channel.equals("SMS") ? Channel.SMS : null, kind, locale);
        if (key.channel() == null || !kinds(key.channel()).contains(kind) || !LOCALES.contains(locale)) {
            throw ProblemException.notFound("Notification template", channel + "/" + kind + "/" + locale);
        }
        return key;
    }
}
