package app.sarafan.notification;

/**
 * The Qute source of a template: an email's subject (one line), plain text and HTML; an SMS has only its text
 * (subject and html null).
 */
record TemplateText(String subject, String text, String html) {
}
