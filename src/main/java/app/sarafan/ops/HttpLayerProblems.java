package app.sarafan.ops;

import java.util.Set;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import app.sarafan.massop.MassOperationResource;
import app.sarafan.referral.imports.ImportResource;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.MemorySize;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the HTTP server would answer by itself still comes as problem+json: a path that no resource, UI or
 * management endpoint serves (404), and a body that is too large (413).
 */
@ApplicationScoped
public class HttpLayerProblems {

    /** Imports upload whole files; every other request is a small JSON document. */
    private static final Set<String> UPLOAD_PATHS = Set.of(ImportResource.PATH, MassOperationResource.PATH);

    @ConfigProperty(name = "sarafan.http.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxUploadSize;

    void register(@Observes Router router) {
        // The HTTP layer refuses a body over quarkus.http.limits.max-body-size (the upload limit) with a bare 413;
        // a declared Content-Length lets us refuse it first, with a problem, and hold every other path to the
        // smaller limit of a JSON request.
        long maxBody = maxBodySize.asLongValue();
        long maxUpload = maxUploadSize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long limit = UPLOAD_PATHS.contains(ctx.request().path()) ? maxUpload : maxBody;
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > limit) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                                "The request body is larger than " + limit + " bytes").body(ctx.request().path())));
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(ProblemType.NOT_FOUND, "No resource at this path")
                        .body(ctx.request().path()))));
    }
}
