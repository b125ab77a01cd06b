package app.sarafan.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The templates Sarafan ships, the defaults a shop edits and resets to: {@code templates/mail/<KIND>.<en|ru>.txt}
 * (the first line is the subject, the rest the text; the HTML is written from the text by {@link HtmlFromText})
 * and {@code templates/sms/<KIND>.<en|ru>.txt}.
 */
@ApplicationScoped
class ShippedTemplates {

    private final Map<TemplateKey, TemplateText> loaded = new ConcurrentHashMap<>();

    TemplateText of(TemplateKey key) {
        return loaded.computeIfAbsent(key, ShippedTemplates::load);
    }

    private static TemplateText load(TemplateKey key) {
        String source = read((key.channel() == Channel.SMS ? "templates/sms/" : "templates/mail/") + key.kind() + "."
                + key.locale() + ".txt");
        if (key.channel() == Channel.SMS) {
            return new TemplateText(null, source, null);
        }
        int newline = source.indexOf('\n');
        String text = source.substring(newline + 1);
        return new TemplateText(source.substring(0, newline).strip(), text, HtmlFromText.of(text, key.locale()));
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
