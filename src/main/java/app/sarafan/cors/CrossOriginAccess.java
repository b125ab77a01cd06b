package app.sarafan.cors;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The CORS protocol (Fetch standard) for the paths a member's frontend calls ({@link BrowserPaths}), before
 * anything else answers, so that problems from the HTTP layer reach the page too.
 *
 * <ul>
 * <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered
 * here, {@code 204} without a body: from an allowed origin it grants the methods the member API has and the
 * headers {@code Authorization}, {@code Content-Type}, {@code Idempotency-Key}; from any other origin it grants
 * nothing, and the browser does not send the request. {@code X-Api-Key} is never granted: API keys belong on
 * servers.</li>
 * <li>Any other request from an allowed origin is served as usual and answered with
 * {@code Access-Control-Allow-Origin} naming that origin and the readable headers {@code ETag}, {@code Location},
 * {@code Idempotent-Replayed} and the rate limit's {@code Retry-After}, {@code RateLimit}, {@code RateLimit-Policy}.
 * From another origin it is served as usual without them, so the browser keeps the
 * answer from the page; a server that happens to send an {@code Origin} is not refused.</li>
 * </ul>
 *
 * No {@code Access-Control-Allow-Credentials}: members authenticate with a bearer token, never with cookies.
 * {@code Vary: Origin} on every answer of these paths, so a cache never hands one origin's answer to another.
 */
final class CrossOriginAccess implements Handler<RoutingContext> {

    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    static final String EXPOSED_HEADERS =
            "ETag, Location, Idempotent-Replayed, Retry-After, RateLimit, RateLimit-Policy";

    private final AllowedOrigins origins;
    private final String maxAgeSeconds;

    CrossOriginAccess(AllowedOrigins origins, long maxAgeSeconds) {
        this.origins = origins;
        this.maxAgeSeconds = Long.toString(maxAgeSeconds);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!BrowserPaths.serve(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        MultiMap request = ctx.request().headers();
        MultiMap response = ctx.response().headers();
        response.add("Vary", "Origin");
        String origin = request.get("Origin");
        boolean allowed = origins.allows(origin);
        if (origin != null && ctx.request().method() == HttpMethod.OPTIONS
                && request.contains("Access-Control-Request-Method")) {
            if (allowed) {
                response.set("Access-Control-Allow-Origin", origin)
                        .set("Access-Control-Allow-Methods", ALLOWED_METHODS)
                        .set("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .set("Access-Control-Max-Age", maxAgeSeconds);
            }
            ctx.response().setStatusCode(204).end();
            return;
        }
        if (allowed) {
            response.set("Access-Control-Allow-Origin", origin)
                    .set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        ctx.next();
    }
}
