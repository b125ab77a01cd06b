package app.sarafan.cors;

import java.util.List;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Puts {@link CrossOriginAccess} first on the router, ahead of the HTTP layer's own checks
 * ({@code app.sarafan.ops.HttpLayerProblems}), whose problems a page must be able to read too. Quarkus' own CORS
 * filter ({@code quarkus.http.cors}) is not used: it covers every path, admin and shop ones included, and answers a
 * request from an origin it does not know with an empty {@code 403}, even a server's.
 */
@ApplicationScoped
public class CrossOriginRoutes {

    /** The first route of all; the HTTP layer's checks come right after it. */
    public static final int ORDER = Integer.MIN_VALUE;

    private static final Logger LOG = Logger.getLogger(CrossOriginRoutes.class);

    void register(@Observes Router router, CorsConfig config) {
        AllowedOrigins origins = AllowedOrigins.of(config.origins().orElse(List.of()));
        if (!origins.isEmpty()) {
            LOG.infof("Member API open to browsers from %s", String.join(", ", origins.asSet()));
        }
        router.route().order(ORDER).handler(new CrossOriginAccess(origins, config.maxAge().toSeconds()));
    }
}
