package app.sarafan.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells whoever started the service where Swagger UI is and how to make a first call, without printing keys — once
 * the HTTP server listens, with the port it really listens on: a start that fails (the port is taken) prints none.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost")
    String host;

    private final CompletableFuture<String> announced = new CompletableFuture<>();

    @ConfigProperty(name = "sarafan.credentials-file")
    String credentialsFile;

    /** The base URL the banner announces, once the server listens (Quarkus tells so asynchronously). */
    public CompletableFuture<String> announced() {
        return announced;
    }

    void announce(@ObservesAsync HttpServerStart event, HttpServer server) {
        // The server's own port, not the configured one: they differ when any free port (0) was asked for.
        String base = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + server.getPort();
        StringBuilder text = new StringBuilder()
                .append("\n  Sarafan is up. Swagger UI: ").append(base).append("/q/swagger-ui")
                .append("\n  Contract: ").append(base).append("/q/openapi, health: ").append(base).append("/q/health");
        Path file = Path.of(credentialsFile).toAbsolutePath();
        if (Files.exists(file)) {
            text.append("\n  Generated API keys are in ").append(file)
                    .append(" (shop-api-key, admin-api-key). A first call:")
                    .append("\n    curl -X POST ").append(base).append("/v1/members -H 'Content-Type: application/json'")
                    .append(" -H \"X-Api-Key: $(sed -n 's/^shop-api-key=//p' ").append(file).append(")\"")
                    .append(" -d '{\"externalId\":\"alice\",\"email\":\"alice@example.com\"}'");
        }
        LOG.info(text);
        announced.complete(base);
    }
}
