package app.sarafan.support.contract;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Undoes what swagger-parser's full resolution adds to some {@code allOf} wrappers: a property written
 * {@code allOf: [$ref: Money]} plus its own {@code description} comes out of the parser, in some of the places it
 * is copied to, with {@code type: object} next to the {@code allOf} of a string, a schema nothing can satisfy. The
 * document says no such thing (the wrapper has no {@code type}), so a {@code type: object} on an {@code allOf} of
 * which no member is an object is removed before the validator reads the model.
 */
final class ResolvedTypes {

    private final Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    static void repair(OpenAPI api) {
        ResolvedTypes repair = new ResolvedTypes();
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(repair::schema);
        }
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> {
                parameters(repair, path.getParameters());
                path.readOperations().forEach(repair::operation);
            });
        }
    }

    private static void parameters(ResolvedTypes repair, List<Parameter> parameters) {
        if (parameters != null) {
            parameters.forEach(parameter -> repair.schema(parameter.getSchema()));
        }
    }

    private void operation(Operation operation) {
        parameters(this, operation.getParameters());
        if (operation.getRequestBody() != null) {
            content(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            for (ApiResponse response : operation.getResponses().values()) {
                content(response.getContent());
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream().map(Header::getSchema).forEach(this::schema);
                }
            }
        }
    }

    private void content(Content content) {
        if (content != null) {
            content.values().stream().map(MediaType::getSchema).forEach(this::schema);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void schema(Schema schema) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        List<Schema> allOf = schema.getAllOf();
        if ("object".equals(schema.getType()) && allOf != null && !allOf.isEmpty() && schema.getProperties() == null
                && allOf.stream().noneMatch(member -> member.getType() == null || "object".equals(member.getType()))) {
            schema.setType(null);
        }
        if (allOf != null) {
            allOf.forEach(this::schema);
        }
        if (schema.getAnyOf() != null) {
            ((List<Schema>) schema.getAnyOf()).forEach(this::schema);
        }
        if (schema.getOneOf() != null) {
            ((List<Schema>) schema.getOneOf()).forEach(this::schema);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(this::schema);
        }
        schema(schema.getItems());
        schema(schema.getNot());
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            schema(additional);
        }
    }
}
