package app.sarafan.support.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The contract's {@code Problem} schema, for answers that have no operation to be judged by (an unknown path or
 * method): when they carry a body, it is an {@code application/problem+json} Problem whose {@code status} is the
 * HTTP status.
 */
final class ProblemSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema<?> problem;
    private final SchemaValidator validator;

    ProblemSchema(OpenAPI api, LevelResolver levels) {
        this.problem = api.getComponents().getSchemas().get("Problem");
        this.validator = new SchemaValidator(api, new MessageResolver(levels));
    }

    List<String> violations(Response response) {
        String body = text(response);
        if (body.isEmpty()) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        String contentType = response.getContentType().orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            violations.add("[unknown-route] a " + response.getStatus() + " answered " + contentType
                    + ", not application/problem+json");
            return violations;
        }
        ValidationReport report = validator.validate(body, problem, "response.body");
        if (report.hasErrors()) {
            violations.add("[unknown-route] the " + response.getStatus() + " is not a Problem:\n      "
                    + Contract.describeAll(report));
        }
        try {
            JsonNode status = JSON.readTree(body).path("status");
            if (!status.isInt() || status.intValue() != response.getStatus()) {
                violations.add("[unknown-route] the Problem's status " + status + " is not the HTTP status "
                        + response.getStatus());
            }
        } catch (IOException e) {
            violations.add("[unknown-route] the " + response.getStatus() + " body is not JSON: " + body);
        }
        return violations;
    }

    private static String text(Response response) {
        try {
            return response.getResponseBody().isPresent() && response.getResponseBody().get().hasBody()
                    ? response.getResponseBody().get().toString(StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
