package app.sarafan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files (deploy/compose, deploy/kubernetes, the Dockerfiles) read side by side with the
 * application: a probe path, a port or a variable name that no longer matches what Sarafan serves or reads fails
 * here, without starting anything. {@link DeploymentHealthPathsServedTest} asks the running service for the same
 * health paths.
 */
class DeploymentManifestsTest {

    /** Prefixes of what the application reads; other variables (JAVA_*, POSTGRES_*) are read by the images. */
    private static final Pattern APPLICATION_VARIABLE = Pattern.compile("(SARAFAN|QUARKUS|MP|SMALLRYE)_[A-Z0-9_]+");
    private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|KEYS?|SECRET).*");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern NO_BAKED_VALUE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:\\?[^}]*|:-)?}");

    private static ApplicationConfiguration app;

    @BeforeAll
    static void readApplication() {
        app = ApplicationConfiguration.read();
    }

    @Test
    void probesAskForTheHealthEndpointsQuarkusServes() {
        String health = healthRoot();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("kubernetes startupProbe", health + "/" + app.property("quarkus.smallrye-health.startup-path", "started"));
        expected.put("kubernetes readinessProbe", health + "/" + app.property("quarkus.smallrye-health.readiness-path", "ready"));
        expected.put("kubernetes livenessProbe", health + "/" + app.property("quarkus.smallrye-health.liveness-path", "live"));
        // Compose starts the dependants of Sarafan once it is ready to serve, as the readiness probe does.
        expected.put("compose healthcheck", expected.get("kubernetes readinessProbe"));

        assertEquals(expected, Manifests.healthPaths());
        JsonNode container = Manifests.sarafanContainer();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals(httpPort(), containerPort(container, container.path(probe).path("httpGet").path("port")),
                    probe + " asks the port the application listens on");
        }
    }

    @Test
    void everyContainerAndServicePortIsTheApplicationsHttpPort() {
        int port = httpPort();
        JsonNode container = Manifests.sarafanContainer();
        assertEquals(List.of(port), containerPorts(container), "containerPort of the sarafan Deployment");

        JsonNode service = Manifests.kubernetes("Service", "sarafan");
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            assertEquals(port, containerPort(container, servicePort.path("targetPort")), "targetPort of the Service");
        }
        assertTrue(labelsMatch(service.path("spec").path("selector"), podLabels()), "the Service selects the pods");

        JsonNode sarafan = Manifests.composeService("sarafan");
        for (JsonNode published : sarafan.path("ports")) {
            String mapping = published.asText();
            assertEquals(String.valueOf(port), mapping.substring(mapping.lastIndexOf(':') + 1),
                    "container side of the Compose port " + mapping);
        }
        assertTrue(sarafan.path("healthcheck").path("test").toString().contains("/dev/tcp/127.0.0.1/" + port + " "),
                "the Compose health check connects to the application's port");

        for (Path dockerfile : Manifests.DOCKERFILES) {
            Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)").matcher(Manifests.text(dockerfile));
            assertTrue(expose.find(), dockerfile + " exposes a port");
            assertEquals(String.valueOf(port), expose.group(1), "EXPOSE of " + dockerfile);
        }
    }

    @Test
    void everyVariableNamesSomethingTheApplicationReads() {
        Map<String, Set<String>> whereSet = new TreeMap<>();
        composeVariables().keySet().forEach(name -> whereSet.computeIfAbsent(name, n -> new TreeSet<>()).add("compose"));
        kubernetesVariables().forEach((name, source) -> whereSet.computeIfAbsent(name, n -> new TreeSet<>()).add(source));
        envExampleNames().forEach(name -> whereSet.computeIfAbsent(name, n -> new TreeSet<>()).add(".env.example"));
        for (Path dockerfile : Manifests.DOCKERFILES) {
            Matcher env = Pattern.compile("(?m)^ENV\\s+([A-Za-z0-9_]+)=").matcher(Manifests.text(dockerfile));
            while (env.find()) {
                whereSet.computeIfAbsent(env.group(1), n -> new TreeSet<>()).add(dockerfile.toString());
            }
        }

        List<String> unknown = new ArrayList<>();
        whereSet.forEach((name, where) -> {
            if (!APPLICATION_VARIABLE.matcher(name).matches()) {
                return;
            }
            var phase = app.quarkusPhase(name);
            if (phase.isPresent() && !"RUN_TIME".equals(phase.get())) {
                unknown.add(name + " (in " + where + ") is fixed when the application is built (" + phase.get() + ")");
            } else if (phase.isEmpty() && app.propertyOf(name).isEmpty()) {
                unknown.add(name + " (in " + where + ") is read by nothing: not in application.properties, a"
                        + " @ConfigMapping, the sources or Quarkus' configuration");
            }
        });
        assertEquals(List.of(), unknown);
        assertTrue(whereSet.containsKey("SARAFAN_AUTH_SHOP_API_KEYS") && whereSet.containsKey("QUARKUS_DATASOURCE_JDBC_URL"),
                "the variables were found at all");
    }

    @Test
    void composeAndKubernetesSetTheSameVariables() {
        Set<String> compose = applicationNames(composeVariables().keySet());
        Set<String> kubernetes = applicationNames(kubernetesVariables().keySet());
        Set<String> onlyInCompose = new TreeSet<>(compose);
        onlyInCompose.removeAll(kubernetes);
        Set<String> onlyInKubernetes = new TreeSet<>(kubernetes);
        onlyInKubernetes.removeAll(compose);
        assertEquals(Set.of(), onlyInCompose, "set by compose.yaml but not by the Kubernetes Deployment");
        assertEquals(Set.of(), onlyInKubernetes, "set by the Kubernetes Deployment but not by compose.yaml");
    }

    @Test
    void whatComposeRequiresKubernetesRequiresToo() {
        Map<String, String> compose = composeVariables();
        Set<String> required = compose.entrySet().stream().filter(e -> e.getValue().contains(":?"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(required.containsAll(Set.of("SARAFAN_AUTH_SHOP_API_KEYS", "SARAFAN_AUTH_ADMIN_API_KEYS",
                "MP_JWT_VERIFY_PUBLICKEY", "SMALLRYE_JWT_SIGN_KEY", "QUARKUS_DATASOURCE_PASSWORD")),
                "compose.yaml requires the secrets: " + required);

        Map<String, String> kubernetes = kubernetesVariables();
        JsonNode container = Manifests.sarafanContainer();
        for (String name : required) {
            assertTrue(kubernetes.containsKey(name), name + " is required by compose.yaml but not set in Kubernetes");
        }
        for (JsonNode source : container.path("envFrom")) {
            assertTrue(!source.findPath("optional").asBoolean(false), "envFrom is never optional: " + source);
        }
        for (JsonNode env : container.path("env")) {
            assertTrue(!env.path("valueFrom").findPath("optional").asBoolean(false), env.path("name") + " is never optional");
        }
    }

    @Test
    void noSecretIsWrittenIntoTheManifests() {
        Map<String, String> compose = composeVariables();
        Map<String, String> kubernetes = kubernetesVariables();
        // Credentials; the database URL and user also come from the CloudNativePG secret but are no secret.
        Set<String> secrets = kubernetes.entrySet().stream()
                .filter(e -> e.getValue().startsWith("Secret") && CREDENTIAL.matcher(e.getKey()).matches())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(secrets.containsAll(Set.of("SARAFAN_AUTH_SHOP_API_KEYS", "SARAFAN_AUTH_ADMIN_API_KEYS",
                "MP_JWT_VERIFY_PUBLICKEY", "SMALLRYE_JWT_SIGN_KEY", "QUARKUS_DATASOURCE_PASSWORD")),
                "Kubernetes takes the credentials from Secrets: " + secrets);
        for (String name : secrets) {
            assertTrue(NO_BAKED_VALUE.matcher(compose.getOrDefault(name, "")).matches(),
                    name + " in compose.yaml comes from the environment with no default: " + compose.get(name));
        }
        for (JsonNode value : Manifests.kubernetes("Secret", "sarafan-secrets").path("stringData")) {
            assertTrue(value.asText().matches("<[^>]+>"), "the Secret template holds placeholders only: " + value);
        }
        Manifests.kubernetes("ConfigMap", "sarafan-config").path("data").fieldNames().forEachRemaining(name ->
                assertTrue(!CREDENTIAL.matcher(name).matches(), name + " belongs in a Secret, not the ConfigMap"));
        String example = Manifests.text(Manifests.ENV_EXAMPLE);
        for (String name : secrets) {
            assertTrue(!Pattern.compile("(?m)^" + name + "=.+").matcher(example).find(),
                    ".env.example gives no value for " + name);
        }
    }

    @Test
    void envExampleListsWhatComposeInterpolates() {
        Set<String> interpolated = new TreeSet<>();
        Matcher variable = INTERPOLATION.matcher(Manifests.text(Manifests.COMPOSE));
        while (variable.find()) {
            interpolated.add(variable.group(1));
        }
        assertEquals(interpolated, envExampleNames(), "variables of compose.yaml and of .env.example");
    }

    @Test
    void theApplicationReadsTheSecretOfItsCloudNativePgCluster() {
        JsonNode cluster = Manifests.kubernetesKind("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(3, cluster.path("spec").path("instances").asInt(), "PostgreSQL instances");
        assertTrue(cluster.path("spec").path("imageName").asText().matches(".*:17(\\..*)?"), "PostgreSQL 17 in Kubernetes");
        assertTrue(Manifests.composeService("postgres").path("image").asText().matches("postgres:17(\\..*)?"),
                "PostgreSQL 17 in Compose");

        // CloudNativePG writes the credentials of the database owner into the Secret <cluster>-app.
        String appSecret = cluster.path("metadata").path("name").asText() + "-app";
        Map<String, String> expected = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc-uri",
                "QUARKUS_DATASOURCE_USERNAME", "username", "QUARKUS_DATASOURCE_PASSWORD", "password");
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode env : Manifests.sarafanContainer().path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (env.path("name").asText().startsWith("QUARKUS_DATASOURCE_") && !ref.isMissingNode()) {
                assertEquals(appSecret, ref.path("name").asText(), env.path("name") + " comes from the cluster's secret");
                actual.put(env.path("name").asText(), ref.path("key").asText());
            }
        }
        assertEquals(new TreeMap<>(expected), actual);

        // Every replica's pool at the autoscaler's maximum still fits into the server's connections.
        int pool = Integer.parseInt(Manifests.kubernetes("ConfigMap", "sarafan-config").path("data")
                .path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").asText());
        int maxReplicas = Manifests.kubernetesKind("HorizontalPodAutoscaler").path("spec").path("maxReplicas").asInt();
        int maxConnections = cluster.path("spec").path("postgresql").path("parameters").path("max_connections").asInt();
        assertTrue(pool * maxReplicas + 20 <= maxConnections,
                maxReplicas + " replicas x " + pool + " connections + 20 reserved exceed max_connections " + maxConnections);
    }

    @Test
    void kubernetesHasTheProductionShape() {
        JsonNode deployment = Manifests.kubernetes("Deployment", "sarafan");
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2, "2 or more replicas");
        JsonNode resources = Manifests.sarafanContainer().path("resources");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(resources.path(bound).hasNonNull(resource), "resources." + bound + "." + resource);
            }
        }

        JsonNode hpa = Manifests.kubernetesKind("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals("sarafan", hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, "the autoscaler keeps 2 replicas at least");

        JsonNode pdb = Manifests.kubernetesKind("PodDisruptionBudget");
        assertTrue(labelsMatch(pdb.path("spec").path("selector").path("matchLabels"), podLabels()),
                "the PodDisruptionBudget selects the pods");
        assertTrue(labelsMatch(deployment.path("spec").path("selector").path("matchLabels"), podLabels()),
                "the Deployment selects its pods");

        // What envFrom names exists, and kustomization.yaml applies every manifest but the Secret template.
        for (JsonNode source : Manifests.sarafanContainer().path("envFrom")) {
            if (source.has("configMapRef")) {
                Manifests.kubernetes("ConfigMap", source.path("configMapRef").path("name").asText());
            } else {
                Manifests.kubernetes("Secret", source.path("secretRef").path("name").asText());
            }
        }
        JsonNode kustomization = Manifests.kubernetesKind("Kustomization");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = Manifests.kubernetesFiles().keySet().stream().map(p -> p.getFileName().toString())
                .filter(f -> !f.equals("kustomization.yaml") && !f.equals("secret.template.yaml"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, listed, "resources of kustomization.yaml");
    }

    // ---- what the manifests set ------------------------------------------------------------------------------

    /** The environment of the sarafan service in compose.yaml, name to value as written. */
    private static Map<String, String> composeVariables() {
        Map<String, String> variables = new TreeMap<>();
        JsonNode environment = Manifests.composeService("sarafan").path("environment");
        assertTrue(environment.isObject(), "the environment of the sarafan service is a map");
        environment.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        return variables;
    }

    /** Every variable the sarafan container gets, name to where from (env, ConfigMap ..., Secret ...). */
    private static Map<String, String> kubernetesVariables() {
        Map<String, String> variables = new TreeMap<>();
        JsonNode container = Manifests.sarafanContainer();
        for (JsonNode env : container.path("env")) {
            JsonNode secret = env.path("valueFrom").path("secretKeyRef");
            variables.put(env.path("name").asText(), secret.isMissingNode() ? "env"
                    : "Secret " + secret.path("name").asText());
        }
        for (JsonNode source : container.path("envFrom")) {
            boolean isConfigMap = source.has("configMapRef");
            String name = source.path(isConfigMap ? "configMapRef" : "secretRef").path("name").asText();
            JsonNode document = Manifests.kubernetes(isConfigMap ? "ConfigMap" : "Secret", name);
            JsonNode data = document.path(isConfigMap ? "data" : "stringData");
            for (Iterator<String> keys = data.fieldNames(); keys.hasNext();) {
                variables.put(keys.next(), (isConfigMap ? "ConfigMap " : "Secret ") + name);
            }
        }
        return variables;
    }

    /** Names in .env.example, set or commented out (`# NAME=`). */
    private static Set<String> envExampleNames() {
        Set<String> names = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=").matcher(Manifests.text(Manifests.ENV_EXAMPLE));
        while (line.find()) {
            names.add(line.group(1));
        }
        return names;
    }

    private static Set<String> applicationNames(Set<String> names) {
        return names.stream().filter(n -> APPLICATION_VARIABLE.matcher(n).matches())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- what the application serves -------------------------------------------------------------------------

    private static int httpPort() {
        return Integer.parseInt(app.property("quarkus.http.port", "8080"));
    }

    /** Quarkus serves health under the non-application root (/q) unless a path is absolute. */
    private static String healthRoot() {
        String root = app.property("quarkus.smallrye-health.root-path", "health");
        if (root.startsWith("/")) {
            return root;
        }
        String nonApplication = app.property("quarkus.http.non-application-root-path", "q");
        return (nonApplication.startsWith("/") ? "" : "/") + nonApplication + "/" + root;
    }

    private static List<Integer> containerPorts(JsonNode container) {
        List<Integer> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        return ports;
    }

    /** A port given by number or by the name of a container port. */
    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (port.asText().equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static JsonNode podLabels() {
        return Manifests.kubernetes("Deployment", "sarafan").path("spec").path("template").path("metadata").path("labels");
    }

    private static boolean labelsMatch(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
