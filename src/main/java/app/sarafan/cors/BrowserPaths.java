package app.sarafan.cors;

/**
 * The paths a member's frontend calls with a member token: the cabinet {@code /v1/me/...} and the program terms
 * (the one operation outside it that a member token may read). Shop and admin paths are called by servers with an
 * {@code X-Api-Key}, which must never be in a browser, so they answer no browser of another origin.
 * {@code BrowserPathsTest} holds this to every operation {@code openapi.yaml} opens to {@code memberJwt}.
 */
final class BrowserPaths {

    private static final String CABINET = "/v1/me";
    private static final String PROGRAM_TERMS = "/v1/program-terms";

    private BrowserPaths() {
    }

    /** {@code path}: the request's normalized path (decoded, dot segments removed). */
    static boolean serve(String path) {
        if (path == null) {
            return false;
        }
        return path.equals(CABINET) || path.startsWith(CABINET + "/") || path.equals(PROGRAM_TERMS);
    }
}
