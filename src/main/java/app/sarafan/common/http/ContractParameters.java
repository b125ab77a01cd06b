package app.sarafan.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The path and query parameters openapi.yaml documents, with the maximum length it promises for each: what the
 * edge holds a request target to before any resource sees it. The contract is the one the service serves
 * (OpenApiContractTest proves it lists exactly the resource methods), so limits are written once, there.
 */
public final class ContractParameters {

    public static final String RESOURCE = "META-INF/openapi.yaml";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * A documented parameter; {@code maxLength} is null when the contract sets none. {@code mayBeEmpty} is true only
     * for a free string (no enum, format, pattern or minLength): for any other schema an empty value is not a value.
     */
    public record Parameter(String name, Integer maxLength, boolean mayBeEmpty) {
    }

    /** One path of the contract: its segments ({@code null} where a parameter stands) and its operations. */
    public record PathTemplate(String template, List<String> literals, List<String> parameters,
                               Map<String, Map<String, Parameter>> queryByMethod,
                               Map<String, Parameter> pathParameters) {

        int literalCount() {
            return (int) literals.stream().filter(l -> l != null).count();
        }

        boolean matches(List<String> segments) {
            if (segments.size() != literals.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (literals.get(i) != null && !literals.get(i).equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** The path parameter at segment {@code i}, or null if that segment is a literal. */
        public Parameter pathParameterAt(int i) {
            String name = parameters.get(i);
            return name == null ? null : pathParameters.getOrDefault(name, new Parameter(name, null, true));
        }

        public Map<String, Parameter> query(String method) {
            return queryByMethod.getOrDefault(method.toUpperCase(Locale.ROOT), Map.of());
        }
    }

    private final List<PathTemplate> templates;

    private ContractParameters(List<PathTemplate> templates) {
        this.templates = templates;
    }

    public static ContractParameters fromClasspath() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ContractParameters read(InputStream yaml) throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<PathTemplate> templates = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> {
            List<String> literals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String segment : segments(path.getKey())) {
                boolean parameter = segment.startsWith("{") && segment.endsWith("}");
                literals.add(parameter ? null : segment);
                names.add(parameter ? segment.substring(1, segment.length() - 1) : null);
            }
            Map<String, Parameter> pathParameters = new HashMap<>();
            Map<String, Map<String, Parameter>> queryByMethod = new HashMap<>();
            List<JsonNode> shared = parameters(contract, path.getValue().path("parameters"));
            path.getValue().fields().forEachRemaining(operation -> {
                if (!METHODS.contains(operation.getKey())) {
                    return;
                }
                Map<String, Parameter> query = new HashMap<>();
                List<JsonNode> all = new ArrayList<>(shared);
                all.addAll(parameters(contract, operation.getValue().path("parameters")));
                for (JsonNode parameter : all) {
                    String name = parameter.path("name").asText();
                    JsonNode schema = parameter.path("schema");
                    Parameter documented = new Parameter(name, maxLength(contract, schema), mayBeEmpty(contract, schema));
                    switch (parameter.path("in").asText()) {
                        case "path" -> pathParameters.merge(name, documented,
                                (a, b) -> a.maxLength() == null ? b : a);
                        case "query" -> query.put(name, documented);
                        default -> {
                        }
                    }
                }
                queryByMethod.put(operation.getKey().toUpperCase(Locale.ROOT), Map.copyOf(query));
            });
            templates.add(new PathTemplate(path.getKey(), literals, names, Map.copyOf(queryByMethod),
                    Map.copyOf(pathParameters)));
        });
        return new ContractParameters(List.copyOf(templates));
    }

    /**
     * The documented path these segments (of a normalized, still percent-encoded path) fall under: literal segments
     * must be equal; where several match, the most literal one wins ({@code /ranks/recalculations} over
     * {@code /ranks/{code}}), as JAX-RS matches.
     */
    public Optional<PathTemplate> match(List<String> segments) {
        PathTemplate best = null;
        for (PathTemplate template : templates) {
            if (template.matches(segments) && (best == null || template.literalCount() > best.literalCount())) {
                best = template;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<PathTemplate> templates() {
        return templates;
    }

    /** The segments of a path without its leading slash; {@code "/"} has none. */
    public static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    private static List<JsonNode> parameters(JsonNode contract, JsonNode list) {
        List<JsonNode> resolved = new ArrayList<>();
        list.forEach(parameter -> resolved.add(resolve(contract, parameter)));
        return resolved;
    }

    private static Integer maxLength(JsonNode contract, JsonNode schema) {
        JsonNode resolved = resolve(contract, schema);
        return resolved.has("maxLength") ? resolved.get("maxLength").asInt() : null;
    }

    private static boolean mayBeEmpty(JsonNode contract, JsonNode schema) {
        JsonNode resolved = resolve(contract, schema);
        if ("array".equals(resolved.path("type").asText())) {
            resolved = resolve(contract, resolved.path("items"));
        }
        return "string".equals(resolved.path("type").asText()) && !resolved.has("enum") && !resolved.has("format")
                && !resolved.has("pattern") && resolved.path("minLength").asInt(0) == 0;
    }

    /** A node of the contract with its local {@code $ref}s followed (null stays null). */
    public static JsonNode resolve(JsonNode contract, JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 8 && current != null && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            current = contract.at(ref.substring(1));
        }
        return current;
    }
}
