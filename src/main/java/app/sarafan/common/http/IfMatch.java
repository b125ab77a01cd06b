package app.sarafan.common.http;

import app.sarafan.common.error.ProblemException;

/** Versioned admin configuration uses its version number as the ETag; If-Match sends it back. */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** {@code "3"}, {@code W/"3"} or a bare 3 all name version 3; no header is null (the caller answers 428). */
    public static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(HEADER, "must be the ETag of a version, such as \"3\"");
        }
    }
}
