package app.sarafan.ops;

import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells whoever started the service where Swagger UI is and how to make a first call, without printing keys. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost")
    String host;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "sarafan.credentials-file")
    String credentialsFile;

    void announce(@Observes StartupEvent event) {
        String base = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
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
    }
}
