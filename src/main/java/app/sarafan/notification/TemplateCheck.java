package app.sarafan.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a template must be to be saved (or previewed unsaved); every failure is a 400 naming the field and what is
 * wrong with it. Each part must be valid Qute and may only use the kind's placeholders
 * ({@link TemplatePlaceholders}), printed as they are or with a default ({@code {reason??}},
 * {@code {toName ?: to}}): no method of a value, no namespace ({@code config:}, {@code inject:} would read the
 * server's settings and beans), no {@code raw}/{@code safe} (which would let a value such as a member's name into
 * the HTML unescaped); and the {@code if}, {@code when} and {@code switch} sections only. The text and the HTML must each use
 * the kind's required placeholders; an email's subject is one line. The template must then render the kind's
 * sample data ({@link TemplateSamples}), and an SMS written from it must fit {@link SmsLength#MAX_SEGMENTS} parts.
 */
@ApplicationScoped
class TemplateCheck {

    private static final Set<String> SECTIONS = Set.of("if", "when", "switch");
    /** Qute's defaults: {@code ??} ({@code reason.or('')}), {@code ?:} and the ternary {@code a ? b : c}. */
    private static final Set<String> DEFAULTS = Set.of("or", "?:", ":", "orEmpty", "ifTruthy", "?");

    private final Engine engine;
    private final Composer composer;

    TemplateCheck(Engine engine, Composer composer) {
        this.engine = engine;
        this.composer = composer;
    }

    /** The template to save: as sent, an email's HTML written from its text when it brought none. */
    TemplateText check(TemplateKey key, NotificationTemplateRequest request) {
        List<FieldError> errors = new ArrayList<>();
        TemplatePlaceholders.Of placeholders = TemplatePlaceholders.of(key.kind());
        TemplateText text;
        if (key.channel() == Channel.SMS) {
            if (request.subject() != null) {
                errors.add(new FieldError("subject", "an SMS has no subject; leave it out"));
            }
            if (request.html() != null) {
                errors.add(new FieldError("html", "an SMS has no HTML; leave it out"));
            }
            text = new TemplateText(null, request.text(), null);
        } else {
            if (request.subject() == null || request.subject().isBlank()) {
                errors.add(new FieldError("subject", "an email needs a subject"));
            } else if (request.subject().contains("\n") || request.subject().contains("\r")) {
                errors.add(new FieldError("subject", "must be one line"));
            }
            if (request.html() != null && request.html().isBlank()) {
                errors.add(new FieldError("html", "must not be blank; leave it out to have it written from the text"));
            }
            text = new TemplateText(request.subject(), request.text(),
                    request.html() == null ? HtmlFromText.of(request.text(), key.locale()) : request.html());
        }
        if (errors.isEmpty()) {
            part(key, "subject", text.subject(), List.of(), placeholders, errors);
            part(key, "text", text.text(), placeholders.required(), placeholders, errors);
            part(key, "html", text.html(), placeholders.required(), placeholders, errors);
        }
        if (errors.isEmpty()) {
            trial(key, text, errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        return text;
    }

    private void part(TemplateKey key, String field, String source, List<String> required,
            TemplatePlaceholders.Of placeholders, List<FieldError> errors) {
        if (source == null) {
            return;
        }
        Template template;
        try {
            template = engine.parse(source, Variant.forContentType(field.equals("html") ? Variant.TEXT_HTML
                    : Variant.TEXT_PLAIN), field);
        } catch (TemplateException e) {
            errors.add(new FieldError(field, "is not a valid template: " + e.getMessage()));
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        Set<String> problems = new LinkedHashSet<>();
        for (TemplateNode node : template.findNodes(n -> true)) {
            if (node.isSection() && !node.asSection().getName().startsWith("$")
                    && !SECTIONS.contains(node.asSection().getName())) {
                problems.add("the section {#" + node.asSection().getName() + "} is not allowed; use {#if}, {#when} "
                        + "or {#switch}");
            }
            for (Expression expression : node.getExpressions()) {
                expression(expression, used, problems);
            }
        }
        List<String> allowed = placeholders.allowed();
        for (String name : used) {
            if (!allowed.contains(name)) {
                problems.add("unknown placeholder {" + name + "}; a " + key.kind() + " template knows "
                        + String.join(", ", allowed.stream().map(p -> "{" + p + "}").toList()));
            }
        }
        for (String name : required) {
            if (!used.contains(name)) {
                problems.add("must use the placeholder {" + name + "}: every " + key.kind() + " message shows it");
            }
        }
        problems.forEach(problem -> errors.add(new FieldError(field, problem)));
    }

    /** The data names an expression reads (its first part, and those of its methods' parameters). */
    private static void expression(Expression expression, Set<String> used, Set<String> problems) {
        if (expression.isLiteral()) {
            return;
        }
        if (expression.hasNamespace()) {
            problems.add("{" + expression.toOriginalString() + "}: namespaces (" + expression.getNamespace()
                    + ":) are not allowed");
            return;
        }
        List<Expression.Part> parts = expression.getParts();
        if (parts.isEmpty()) {
            return;
        }
        used.add(parts.get(0).getName());
        for (Expression.Part part : parts.subList(1, parts.size())) {
            if (part.getName().equals("raw") || part.getName().equals("safe")) {
                problems.add("{" + expression.toOriginalString() + "}: raw and safe would print the value "
                        + "unescaped; they are not allowed");
            } else if (!DEFAULTS.contains(part.getName())) {
                problems.add("{" + expression.toOriginalString() + "}: a placeholder is printed as it is; only a "
                        + "default may follow it ({reason??}, {toName ?: to})");
            }
            if (part.isVirtualMethod()) {
                for (Expression parameter : part.asVirtualMethod().getParameters()) {
                    expression(parameter, used, problems);
                }
            }
        }
    }

    /** Qute's message without the packages of the Java types it may name. */
    private static String readable(RuntimeException e) {
        return String.valueOf(e.getMessage()).replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z])", "$1");
    }

    /** Renders the kind's sample data in the template's language, part by part, so that a failure names its part. */
    private void trial(TemplateKey key, TemplateText text, List<FieldError> errors) {
        Map<String, Object> data = Composer.data(key.kind(), TemplateSamples.payload(key.kind()),
                TemplateSamples.recipient(key.locale(), TemplateSamples.isOperatorAlert(key.kind())));
        if (key.channel() == Channel.SMS) {
            String sms;
            try {
                sms = composer.composeSms(key, text, data);
            } catch (RuntimeException e) {
                errors.add(new FieldError("text", "cannot be rendered with the sample data: " + readable(e)));
                return;
            }
            SmsLength length = SmsLength.of(sms);
            if (length.segments() > SmsLength.MAX_SEGMENTS) {
                errors.add(new FieldError("text", "the SMS of the sample data takes " + length.characters() + " "
                        + length.encoding() + " characters, " + length.segments() + " parts; at most "
                        + SmsLength.MAX_SEGMENTS + " parts (306 GSM-7 or 134 UCS-2 characters) are allowed"));
            }
            return;
        }
        for (String field : List.of("subject", "text", "html")) {
            TemplateText only = new TemplateText(field.equals("subject") ? text.subject() : "-",
                    field.equals("text") ? text.text() : "-", field.equals("html") ? text.html() : "-");
            try {
                composer.compose(key, only, data);
            } catch (RuntimeException e) {
                errors.add(new FieldError(field, "cannot be rendered with the sample data: " + readable(e)));
            }
        }
    }
}
