package app.sarafan.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged service (target/quarkus-app/quarkus-run.jar) as child JVMs, the way a deployment runs its
 * replicas: every instance gets the same production credentials from the environment (so that nothing is
 * generated per instance), its own HTTP port on 127.0.0.1 and a log in the work directory. Shared by the
 * integration tests that run more than one instance or stop them (TwoInstancesIT, FaultsIT).
 */
public final class PackagedService implements AutoCloseable {

    /** The packaged service; another build's jar can be tried with -Dsarafan.two-instances.jar=... */
    private static final Path JAR = Path.of(System.getProperty("sarafan.two-instances.jar",
            "target/quarkus-app/quarkus-run.jar"));

    /** A started instance: its name (the log's), base URL, port and process. */
    public record Instance(String name, String url, int port, Process process) {
    }

    private final Path work;
    private final Map<String, String> environment;
    private final List<Process> launched = new ArrayList<>();
    private final java.util.Set<String> started = new java.util.HashSet<>();

    /**
     * @param work        where logs and per-instance credential files go
     * @param environment what every instance gets: datasource, credentials, tuning
     */
    public PackagedService(Path work, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: this test runs the packaged service"
                    + " (mvn verify builds it in the package phase before integration-test)");
        }
        this.work = work.toAbsolutePath();
        Files.createDirectories(this.work);
        this.environment = Map.copyOf(environment);
    }

    /** What production configures: every credential, so that nothing is generated per instance. */
    public static Map<String, String> productionCredentials(String shopKey, String adminKey, String eventSecret)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair tokenKeys = generator.generateKeyPair();
        byte[] payoutKey = new byte[32];
        new SecureRandom().nextBytes(payoutKey);
        Base64.Encoder base64 = Base64.getEncoder();
        return Map.of("SARAFAN_AUTH_SHOP_API_KEYS", shopKey, "SARAFAN_AUTH_ADMIN_API_KEYS", adminKey,
                "SARAFAN_EVENTS_SIGNING_SECRETS", eventSecret,
                "MP_JWT_VERIFY_PUBLICKEY", base64.encodeToString(tokenKeys.getPublic().getEncoded()),
                "SMALLRYE_JWT_SIGN_KEY", base64.encodeToString(tokenKeys.getPrivate().getEncoded()),
                "SARAFAN_WITHDRAWALS_PAYOUT_DETAILS_KEY", base64.encodeToString(payoutKey));
    }

    /** The datasource part of an instance's environment. */
    public static Map<String, String> datasource(String jdbcUrl, String username, String password) {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME", username,
                "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    /** Starts an instance on a free port; it is not ready yet ({@link #ready}). Appends to the log of its name. */
    public Instance launch(String name) throws IOException {
        return launch(name, ReservedPorts.free());
    }

    /** Starts an instance on the given port (a restarted instance keeps its address). */
    public Instance launch(String name, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(logOf(name));
        Map<String, String> env = builder.environment();
        env.putAll(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SARAFAN_CREDENTIALS_FILE", work.resolve(name + "-credentials.properties").toString());
        Process process = builder.start();
        synchronized (launched) {
            launched.add(process);
        }
        return new Instance(name, "http://127.0.0.1:" + port, port, process);
    }

    /** A fresh log for an instance's first start, the same log continued for its restarts. */
    private ProcessBuilder.Redirect logOf(String name) {
        java.io.File log = work.resolve(name + ".log").toFile();
        synchronized (started) {
            return started.add(name) ? ProcessBuilder.Redirect.to(log) : ProcessBuilder.Redirect.appendTo(log);
        }
    }

    /** Waits until the instance answers its readiness check with 200; fails if it exits first or takes 150 s. */
    public Instance ready(Instance instance) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (!instance.process().isAlive()) {
                throw new IllegalStateException("instance " + instance.name() + " exited; see " + log(instance));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(instance.url()
                        + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return instance;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        instance.process().destroyForcibly();
        throw new IllegalStateException("instance " + instance.name() + " not ready in 150 s; see " + log(instance));
    }

    public Path log(Instance instance) {
        return work.resolve(instance.name() + ".log");
    }

    /** Kills an instance as a crash or an OOM kill would: SIGKILL, no graceful shutdown. */
    public static void kill(Process instance) throws InterruptedException {
        instance.destroyForcibly();
        instance.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops every instance still running (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() {
        List<Process> all;
        synchronized (launched) {
            all = List.copyOf(launched);
        }
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
