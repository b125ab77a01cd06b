package app.sarafan.massop;

import java.util.List;

import app.sarafan.common.error.ProblemException;

/** The two shapes of a result report, chosen by {@code ?format=} (or the Accept header). */
enum ReportFormat {
    CSV, JSON;

    static ReportFormat of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("format", "must be one of " + List.of(values()));
        }
    }
}
