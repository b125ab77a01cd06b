package app.sarafan.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import org.junit.jupiter.api.Test;

/** openapi.yaml at the top level is the contract: the service serves exactly it, and it covers every endpoint. */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode contract() throws IOException {
        return yaml.readTree(Path.of("openapi.yaml").toFile());
    }

    @Test
    void servedContractEqualsOpenapiYaml() throws IOException {
        JsonNode served = json.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        JsonNode expected = json.readTree(json.writeValueAsString(contract()));
        assertEquals(expected, served, "/q/openapi differs from openapi.yaml");
    }

    @Test
    void everyResourceMethodIsInTheContractAndNothingElse() throws Exception {
        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    implemented.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(verb -> {
                if (HTTP_METHODS.contains(verb)) {
                    documented.add(verb.toUpperCase() + " " + path.getKey());
                }
            });
        }
        assertEquals(implemented, documented);
    }

    @Test
    void everyOperationIsDocumentedForPeople() throws IOException {
        List<String> missing = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        contract().get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!HTTP_METHODS.contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            for (String field : List.of("operationId", "summary", "description", "tags", "responses")) {
                if (!operation.hasNonNull(field)) {
                    missing.add(name + " has no " + field);
                }
            }
            if (operation.hasNonNull("operationId") && !operationIds.add(operation.get("operationId").asText())) {
                missing.add(name + " repeats operationId " + operation.get("operationId").asText());
            }
            JsonNode responses = operation.path("responses");
            if (!responses.has("401") && !path.getKey().startsWith("/q/")) {
                missing.add(name + " documents no 401");
            }
        }));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = (base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<Class<?>> resourceClasses() throws IOException {
        Path classes = Path.of("target/classes");
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // generated or build-only classes are not resources
                }
            }
        }
        return resources;
    }
}
