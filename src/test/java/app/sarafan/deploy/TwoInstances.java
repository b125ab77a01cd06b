package app.sarafan.deploy;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import app.sarafan.embeddedpg.LocalPostgres;
import app.sarafan.support.PackagedService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * One PostgreSQL and two packaged Sarafan JVMs (target/quarkus-app, started by {@link PackagedService}) pointing at
 * it, started at the same moment as a deployment's replicas are (Flyway's lock lets one migrate): the same API keys,
 * event signing secret, member token key pair and payout details key from the environment, distinct HTTP ports.
 * Logs go to target/two-instances/.
 */
final class TwoInstances implements AutoCloseable {

    static final String SHOP_KEY = "two-instances-shop-key";
    static final String ADMIN_KEY = "two-instances-admin-key";
    static final String EVENT_SECRET = "whsec_mVy/MfjufG37BSHEJwuDOedQczFKtXhmcQWiCf6nIQU=";

    /** A running instance: its base URL and its process (to stop it). */
    record Instance(String name, String url, Process process) {

        RequestSpecification admin() {
            return given().baseUri(url).header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON);
        }

        RequestSpecification shop() {
            return given().baseUri(url).header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON);
        }
    }

    private final LocalPostgres postgres;
    private final Path postgresData;
    private PackagedService service;
    Instance a;
    Instance b;

    TwoInstances() throws Exception {
        // The service's own embedded server: the same verified binaries directory and, as root, the same account.
        postgresData = Files.createTempDirectory("sarafan-two-instances-pg-");
        postgres = LocalPostgres.start(postgresData, 0,
                Map.of("max_connections", "200", "fsync", "off", "synchronous_commit", "off"), Duration.ofSeconds(60));
        try {
            Map<String, String> environment = new HashMap<>(PackagedService.datasource(jdbcUrl(),
                    LocalPostgres.USER, LocalPostgres.PASSWORD));
            environment.putAll(PackagedService.productionCredentials(SHOP_KEY, ADMIN_KEY, EVENT_SECRET));
            // Small chunks, so that a job is still at work when an instance is stopped in its middle.
            environment.put("SARAFAN_JOBS_CHUNK_SIZE", "5");
            service = new PackagedService(Path.of("target/two-instances"), environment);
            PackagedService.Instance launchedA = service.launch("a");
            PackagedService.Instance launchedB = service.launch("b");
            a = of(service.ready(launchedA));
            b = of(service.ready(launchedB));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private static Instance of(PackagedService.Instance instance) {
        return new Instance(instance.name(), instance.url(), instance.process());
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Kills an instance as a crash or an OOM kill would: no graceful shutdown. */
    static void kill(Instance instance) throws InterruptedException {
        PackagedService.kill(instance.process());
    }

    @Override
    public void close() throws IOException {
        if (service != null) {
            service.close();
        }
        postgres.close();
        try (var files = Files.walk(postgresData)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
