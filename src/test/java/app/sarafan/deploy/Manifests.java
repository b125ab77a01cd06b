package app.sarafan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The deployment files under deploy/, parsed: the Compose file and every Kubernetes document. */
final class Manifests {

    static final Path COMPOSE = Path.of("deploy/compose/compose.yaml");
    static final Path ENV_EXAMPLE = Path.of("deploy/compose/.env.example");
    static final Path KUBERNETES = Path.of("deploy/kubernetes");
    static final List<Path> DOCKERFILES = List.of(Path.of("src/main/docker/Dockerfile.jvm"), Path.of("Dockerfile.native"));

    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9/_-]*health[A-Za-z0-9/_-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static JsonNode compose() {
        return List.copyOf(read(COMPOSE)).getFirst();
    }

    /** Every Kubernetes document, by file. */
    static Map<Path, List<JsonNode>> kubernetesFiles() {
        Map<Path, List<JsonNode>> documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .forEach(f -> documents.put(f, read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static List<JsonNode> kubernetes() {
        return kubernetesFiles().values().stream().flatMap(List::stream).toList();
    }

    /** The one document of a kind (and name, when several could exist). */
    static JsonNode kubernetes(String kind, String name) {
        List<JsonNode> found = kubernetes().stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " named " + name + " under " + KUBERNETES + ", found "
                    + found.size());
        }
        return found.getFirst();
    }

    static JsonNode kubernetesKind(String kind) {
        List<JsonNode> found = kubernetes().stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " under " + KUBERNETES + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** The container of the Deployment that runs Sarafan. */
    static JsonNode sarafanContainer() {
        for (JsonNode container : kubernetes("Deployment", "sarafan").path("spec").path("template").path("spec")
                .path("containers")) {
            if ("sarafan".equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError("the sarafan Deployment has no container named sarafan");
    }

    static JsonNode composeService(String name) {
        JsonNode service = compose().path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError(COMPOSE + " has no service " + name);
        }
        return service;
    }

    /** Every health path a deployment asks Sarafan for: Kubernetes probes and the Compose health check. */
    static Map<String, String> healthPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        JsonNode container = sarafanContainer();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            paths.put("kubernetes " + probe, container.path(probe).path("httpGet").path("path").asText(null));
        }
        Matcher path = HEALTH_PATH.matcher(composeService("sarafan").path("healthcheck").path("test").toString());
        paths.put("compose healthcheck", path.find() ? path.group() : null);
        return paths;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> read(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new AssertionError(file + " holds no YAML document");
        }
        return documents;
    }
}
