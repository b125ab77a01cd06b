package app.sarafan.notification;

import java.time.ZoneId;
import java.util.Locale;

/** Who an email goes to, and in which language and time zone it is written. */
record Recipient(String email, String name, Locale locale, ZoneId zone) {

    /** Russian for members whose locale is Russian; English for everyone else. */
    String language() {
        return "ru".equals(locale.getLanguage()) ? "ru" : "en";
    }
}
