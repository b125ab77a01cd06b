package app.sarafan.ops;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A path that no resource, UI or management endpoint serves still gets a problem+json 404, not the HTTP server's
 * plain-text page.
 */
@ApplicationScoped
public class UnknownRoutes {

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(ProblemType.NOT_FOUND, "No resource at this path")
                        .body(ctx.request().path()))));
    }
}
