package app.sarafan.common.http;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** Versioned admin configuration uses its version number as the ETag; If-Match sends it back. */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** The version an update was based on; without If-Match the update is refused (428), before anything is read. */
    public static int required(Integer expected, String what) {
        if (expected == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the " + what + " you edited");
        }
        return expected;
    }

    /** Refuses (412, naming the current version) an update based on a version that is no longer current. */
    public static void matches(int expected, int current, String what) {
        if (current != expected) {
            throw new ProblemException(Problem.of(ProblemType.PRECONDITION_FAILED, "The " + what + " is at version "
                    + current + ", not " + expected + "; read it again and reapply your change")
                    .with("currentVersion", current));
        }
    }

    /** An answer carrying a version of a configuration, with the version as its ETag. */
    public static Response.ResponseBuilder tagged(Response.ResponseBuilder response, int version) {
        return response.tag(new EntityTag(String.valueOf(version)));
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
