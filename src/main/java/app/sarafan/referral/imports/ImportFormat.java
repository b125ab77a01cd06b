package app.sarafan.referral.imports;

/** How the rows of an import were sent: a CSV document with a header line, or JSON {@code {"rows": [...]}}. */
public enum ImportFormat {
    CSV, JSON
}
