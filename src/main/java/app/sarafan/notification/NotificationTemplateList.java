package app.sarafan.notification;

import java.util.List;

/** Every template (at most two locales of each kind per channel): a fixed set, so not paged. */
public record NotificationTemplateList(List<NotificationTemplateSummary> items) {
}
