package app.sarafan.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import app.sarafan.common.http.ContractParameters;
import app.sarafan.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an OpenAPI-driven fuzzer does first, for every operation of openapi.yaml: its documented examples, bodies
 * of the wrong shape, junk in every query parameter and no credentials. Nothing may answer a 5xx, and every
 * answer is judged by the contract filter (declared status, content type, schema), so an operation that accepts
 * what its schema refuses, or answers what it does not declare, fails here even if no feature test calls it so.
 */
@QuarkusTest
class ContractSweepTest extends ApiTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Bodies no operation can take: not an object, not JSON, an unknown property, a JSON value and garbage. (A JSON
     * {@code null} is left out: the actions whose body is optional read it as no body.)
     */
    private static final List<String> WRONG_BODIES = List.of("null", "[]", "\"text\"", "42", "{", "{\"zzUnknown\":1}",
            "{} {}");

    record Operation(String method, String template, String role, JsonNode node, JsonNode document) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + template;
        }

        boolean takesBody() {
            return node.has("requestBody");
        }

        boolean secured() {
            JsonNode security = node.has("security") ? node.get("security") : document.path("security");
            return security.isArray() && !security.isEmpty();
        }
    }

    static Stream<Operation> operations() throws IOException {
        JsonNode document = YAML.readTree(Files.readString(Path.of("openapi.yaml")));
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations.add(new Operation(op.getKey(), path.getKey(), role(op.getValue()), op.getValue(), document));
            }
        }
        return operations.stream();
    }

    private static String role(JsonNode operation) {
        String security = operation.path("security").toString();
        if (security.contains("memberJwt") && !security.contains("apiKey")) {
            return "member";
        }
        return operation.path("description").asText().contains("Role: `admin`") ? "admin" : "shop";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void documentedExamplesAreAnsweredAsDeclared(Operation operation) {
        String member = newMember();
        List<String> bodies = operation.takesBody() ? examples(operation) : List.of();
        if (bodies.isEmpty()) {
            assertNoServerError(operation, send(operation, member, null));
        }
        for (String body : bodies) {
            assertNoServerError(operation, send(operation, member, body));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void bodiesOfTheWrongShapeAreProblems(Operation operation) {
        if (!operation.takesBody()) {
            return;
        }
        String member = newMember();
        for (String body : WRONG_BODIES) {
            Response response = send(operation, member, body);
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                    operation + " with body " + body + " answered " + response.statusCode() + " " + response.asString());
        }
        assertNoServerError(operation, send(operation, member, "{}"));
    }

    /**
     * Each property of each documented example made to break its schema, one at a time (a value of a type no
     * schema of it takes, a string one past its maxLength, a value outside its enum): the operation refuses it
     * with a 4xx, as a fuzzer's negative data expects; a 2xx would also break the contract filter.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anExampleWithOnePropertyBreakingItsSchemaIsRefused(Operation operation) throws IOException {
        if (!operation.takesBody()) {
            return;
        }
        JsonNode schema = bodySchema(operation);
        String member = newMember();
        for (String example : examples(operation)) {
            JsonNode body = JSON.readTree(example);
            if (!body.isObject()) {
                continue;
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode property = schemaOf(operation.document(), schema.path("properties").path(name));
                for (JsonNode broken : breaking(property)) {
                    com.fasterxml.jackson.databind.node.ObjectNode mutated = body.deepCopy();
                    mutated.set(name, broken);
                    Response response = send(operation, member, JSON.writeValueAsString(mutated));
                    assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, operation + " took "
                            + name + "=" + broken + ": " + response.statusCode() + " " + response.asString());
                }
            }
        }
    }

    /** Values that break this schema whatever else it allows. */
    private static List<JsonNode> breaking(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        String type = schema.path("type").asText("");
        boolean combined = schema.has("oneOf") || schema.has("anyOf");
        if (!combined && !type.isEmpty() && !schema.path("additionalProperties").isObject()) {
            values.add("object".equals(type) ? JSON.getNodeFactory().textNode("not-an-object")
                    : JSON.getNodeFactory().objectNode().put("not", "a " + type));
        }
        if ("string".equals(type) && schema.has("maxLength") && !schema.has("enum") && !schema.has("pattern")
                && !schema.has("format")) {
            values.add(JSON.getNodeFactory().textNode("a".repeat(schema.get("maxLength").asInt() + 1)));
        }
        if (schema.has("enum")) {
            values.add(JSON.getNodeFactory().textNode("ZZ_NOT_IN_ENUM"));
        }
        if (combined) {
            values.addAll(breakingEveryBranch(schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")));
        }
        return values;
    }

    /** For a choice of plain types (an amount: a string or a number): a boolean, an object, a too-fine number. */
    private static List<JsonNode> breakingEveryBranch(JsonNode branches) {
        Set<String> types = new HashSet<>();
        boolean everyNumberIsStepped = true;
        for (JsonNode branch : branches) {
            String type = branch.path("type").asText("");
            if (type.isEmpty() || "object".equals(type) || branch.has("$ref")) {
                return List.of();
            }
            types.add(type);
            everyNumberIsStepped &= !"number".equals(type) || branch.has("multipleOf");
        }
        List<JsonNode> values = new ArrayList<>();
        values.add(JSON.getNodeFactory().objectNode().put("not", "a " + String.join(" or ", types)));
        if (!types.contains("boolean")) {
            values.add(JSON.getNodeFactory().booleanNode(true));
        }
        if (types.contains("number") && everyNumberIsStepped) {
            values.add(JSON.getNodeFactory().numberNode(new BigDecimal("0.001")));
        }
        return values;
    }

    private static JsonNode bodySchema(Operation operation) {
        JsonNode body = ContractParameters.resolve(operation.document(), operation.node().get("requestBody"));
        return schemaOf(operation.document(), body.path("content").path("application/json").path("schema"));
    }

    /** A schema with its $ref followed and a single-member allOf (how nullable refs are written) unwrapped. */
    private static JsonNode schemaOf(JsonNode document, JsonNode schema) {
        JsonNode resolved = ContractParameters.resolve(document, schema);
        while (resolved.path("allOf").size() == 1) {
            resolved = ContractParameters.resolve(document, resolved.get("allOf").get(0));
        }
        return resolved;
    }

    /** A body of a media type the operation does not take: a declared 4xx (415 where it reads the body). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aBodyOfAnotherMediaTypeIsRefused(Operation operation) {
        if (!operation.takesBody()) {
            return;
        }
        String member = newMember();
        Response response = call(operation, authorised(operation, member).contentType("text/plain"), member, "x");
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                operation + " took a text/plain body: " + response.statusCode() + " " + response.asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void junkInEveryQueryParameterIsNoServerError(Operation operation) {
        String member = newMember();
        for (JsonNode parameter : parameters(operation)) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            for (String junk : List.of("zz-not-a-value", "-1", "99999999999999999999", "", "ÿ€𝄞")) {
                RequestSpecification request = authorised(operation, member).queryParam(parameter.path("name").asText(), junk);
                assertNoServerError(operation, call(operation, request, member, operation.takesBody() ? "{}" : null));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void withoutCredentialsASecuredOperationIsA401(Operation operation) {
        if (!operation.secured()) {
            return;
        }
        Response response = call(operation, given().contentType(ContentType.JSON), newMember(),
                operation.takesBody() ? "{}" : null);
        assertEquals(401, response.statusCode(), operation + " answered " + response.asString());
    }

    private static void assertNoServerError(Operation operation, Response response) {
        assertTrue(response.statusCode() < 500, operation + " answered " + response.statusCode() + " " + response.asString());
    }

    private static Response send(Operation operation, String member, String body) {
        return call(operation, authorised(operation, member), member, body);
    }

    private static RequestSpecification authorised(Operation operation, String member) {
        return switch (operation.role()) {
            case "member" -> member(member).contentType(ContentType.JSON);
            case "admin" -> admin();
            default -> shop();
        };
    }

    private static Response call(Operation operation, RequestSpecification request, String member, String body) {
        if (body != null) {
            request = request.body(body);
        }
        String path = operation.template().replace("{externalId}", member).replace("{id}", "1")
                .replace("{code}", "NOSUCHCODE").replace("{level}", "1").replace("{siteId}", "1")
                .replace("{name}", "no-such-name")
                .replace("{channel}", "EMAIL").replace("{kind}", "NO_SUCH_KIND").replace("{locale}", "en");
        return request.urlEncodingEnabled(true).request(operation.method().toUpperCase(), path);
    }

    private static List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            parameters.add(ContractParameters.resolve(operation.document(), parameter));
        }
        return parameters;
    }

    /** The JSON examples of the operation's request body, as the contract documents them. */
    private static List<String> examples(Operation operation) {
        JsonNode body = ContractParameters.resolve(operation.document(), operation.node().get("requestBody"));
        JsonNode media = body.path("content").path("application/json");
        List<String> examples = new ArrayList<>();
        try {
            if (media.has("example")) {
                examples.add(JSON.writeValueAsString(media.get("example")));
            }
            for (JsonNode example : media.path("examples")) {
                JsonNode value = ContractParameters.resolve(operation.document(), example).get("value");
                if (value != null) {
                    examples.add(JSON.writeValueAsString(value));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return examples;
    }
}
