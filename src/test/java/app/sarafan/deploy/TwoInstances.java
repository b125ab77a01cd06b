package app.sarafan.deploy;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import app.sarafan.embeddedpg.LocalPostgres;

/**
 * One PostgreSQL and two packaged Sarafan JVMs (target/quarkus-app) pointing at it, started at the same moment as
 * a deployment's replicas are (Flyway's lock lets one migrate): the same API keys, event signing secret, member
 * token key pair and payout details key from the environment, distinct HTTP ports. Logs go to
 * target/two-instances/.
 */
final class TwoInstances implements AutoCloseable {

    static final String SHOP_KEY = "two-instances-shop-key";
    static final String ADMIN_KEY = "two-instances-admin-key";
    static final String EVENT_SECRET = "whsec_mVy/MfjufG37BSHEJwuDOedQczFKtXhmcQWiCf6nIQU=";
    /** The packaged service; another build's jar can be tried with -Dsarafan.two-instances.jar=... */
    private static final Path JAR = Path.of(System.getProperty("sarafan.two-instances.jar",
            "target/quarkus-app/quarkus-run.jar"));

    /** A running instance: its base URL and its process (to stop it). */
    record Instance(String name, String url, Process process) {

        RequestSpecification admin() {
            return given().baseUri(url).header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON);
        }

        RequestSpecification shop() {
            return given().baseUri(url).header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON);
        }
    }

    private final Path work;
    private final LocalPostgres postgres;
    private final Path postgresData;
    Instance a;
    Instance b;

    TwoInstances() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the two-instance test runs the packaged service"
                    + " (mvn verify builds it in the package phase before integration-test)");
        }
        work = Path.of("target/two-instances").toAbsolutePath();
        Files.createDirectories(work);
        // The service's own embedded server: the same verified binaries directory and, as root, the same account.
        postgresData = Files.createTempDirectory("sarafan-two-instances-pg-");
        postgres = LocalPostgres.start(postgresData, 0,
                Map.of("max_connections", "200", "fsync", "off", "synchronous_commit", "off"), Duration.ofSeconds(60));
        try {
            Map<String, String> credentials = credentials();
            Process processA = launch("a", credentials);
            Process processB = launch("b", credentials);
            a = ready("a", processA);
            b = ready("b", processB);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    /** What production configures: every credential, so that nothing is generated per instance. */
    private static Map<String, String> credentials() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair tokenKeys = generator.generateKeyPair();
        byte[] payoutKey = new byte[32];
        new SecureRandom().nextBytes(payoutKey);
        Base64.Encoder base64 = Base64.getEncoder();
        return Map.of("SARAFAN_AUTH_SHOP_API_KEYS", SHOP_KEY, "SARAFAN_AUTH_ADMIN_API_KEYS", ADMIN_KEY,
                "SARAFAN_EVENTS_SIGNING_SECRETS", EVENT_SECRET,
                "MP_JWT_VERIFY_PUBLICKEY", base64.encodeToString(tokenKeys.getPublic().getEncoded()),
                "SMALLRYE_JWT_SIGN_KEY", base64.encodeToString(tokenKeys.getPrivate().getEncoded()),
                "SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY", base64.encodeToString(payoutKey));
    }

    private final Map<String, Integer> ports = new HashMap<>();
    private final List<Process> launched = new ArrayList<>();

    private Process launch(String name, Map<String, String> credentials) throws IOException {
        int port = app.sarafan.support.ReservedPorts.free();
        ports.put(name, port);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.putAll(credentials);
        env.put("SARAFAN_CREDENTIALS_FILE", work.resolve(name + "-credentials.properties").toString());
        // Small chunks, so that a job is still at work when an instance is stopped in its middle.
        env.put("SARAFAN_JOBS_CHUNK_SIZE", "5");
        Process process = builder.start();
        launched.add(process);
        return process;
    }

    private Instance ready(String name, Process process) throws Exception {
        String url = "http://127.0.0.1:" + ports.get(name);
        waitUntilReady(name, url, process);
        return new Instance(name, url, process);
    }

    private void waitUntilReady(String name, String url, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited; see " + work.resolve(name + ".log"));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("instance " + name + " not ready in 150 s; see " + work.resolve(name + ".log"));
    }

    /** Kills an instance as a crash or an OOM kill would: no graceful shutdown. */
    static void kill(Instance instance) throws InterruptedException {
        instance.process().destroyForcibly();
        instance.process().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        launched.forEach(Process::destroy);
        for (Process process : launched) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        postgres.close();
        try (var files = Files.walk(postgresData)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
