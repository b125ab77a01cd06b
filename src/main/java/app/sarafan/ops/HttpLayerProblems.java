package app.sarafan.ops;

import java.util.Set;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.http.ContractParameters;
import app.sarafan.cors.CrossOriginRoutes;
import app.sarafan.massop.MassOperationResource;
import app.sarafan.referral.imports.ImportResource;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the HTTP layer checks and answers before any resource, always as problem+json: the request target
 * ({@link RequestTargets}: 414, 431, 400 for a parameter that is not text or too long), the body size
 * ({@link BodyLimits}: 413, chunked too), a path nothing serves (404), and the router's own refusals (an
 * unparseable path is a 400).
 */
@ApplicationScoped
public class HttpLayerProblems {

    /** Imports upload whole files; every other request is a small JSON document. */
    private static final Set<String> UPLOAD_PATHS = Set.of(ImportResource.PATH, MassOperationResource.PATH);

    @ConfigProperty(name = "sarafan.http.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxUploadSize;

    @ConfigProperty(name = "sarafan.http.max-uri-length")
    int maxUriLength;

    @ConfigProperty(name = "sarafan.http.max-header-size")
    MemorySize maxHeaderSize;

    void register(@Observes Router router) {
        // Right after the CORS route (app.sarafan.cors), so that a page on an allowed origin can read these problems.
        router.route().order(CrossOriginRoutes.ORDER + 1).handler(new RequestTargets(
                ContractParameters.fromClasspath(), maxUriLength, maxHeaderSize.asLongValue()));
        router.route().order(CrossOriginRoutes.ORDER + 2).handler(new BodyLimits(
                UPLOAD_PATHS, maxBodySize.asLongValue(), maxUploadSize.asLongValue()));
        router.route().order(Integer.MAX_VALUE).handler(ctx -> EdgeAnswer.send(ctx,
                Problem.of(ProblemType.NOT_FOUND, "No resource at this path")));
        // The router refuses a path it cannot normalize (a malformed %-escape) before any route runs.
        router.errorHandler(400, ctx -> EdgeAnswer.send(ctx,
                Problem.of(ProblemType.MALFORMED_REQUEST, "The request target cannot be read")));
        router.errorHandler(413, ctx -> EdgeAnswer.send(ctx,
                Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large"), true));
    }
}
