package app.sarafan.support.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * {@code openapi.yaml} as a judge of one HTTP exchange. Every rest-assured call of every test goes through it
 * ({@link ContractFilter}); this is the policy it applies.
 *
 * <p><b>The response is always validated</b>, whatever the request was: its status must be declared for the
 * operation (there are no {@code default} responses), its content type declared for that status, its body valid
 * against the declared schema (a missing {@code required} field, a {@code null} where the schema has no
 * {@code nullable: true}, a wrong type or format, a value outside an {@code enum} all fail), each declared
 * response header present when {@code required} and valid against its schema, and no API header answered that the
 * status does not declare ({@link DeclaredHeaders}). Unknown fields fail too: {@code validation.schema.additionalProperties}
 * is an ERROR, which makes the validator read every object schema that lists {@code properties} and says nothing
 * about {@code additionalProperties} as {@code additionalProperties: false} (a schema that writes
 * {@code additionalProperties: true}, such as a free-form map, stays open). The document itself is not changed for
 * this: it stays open to additions for integrators, the tests hold the service to exactly what it declares.
 *
 * <p><b>The request is validated when the service accepted it</b> (2xx or 3xx): a request the service executed but
 * the contract refuses (a missing required parameter or field, an unknown field, a value outside a pattern,
 * length or enum, a missing credential) is a mismatch, because an integrator writing to the contract could not
 * send it. Requests the service refuses (4xx, 5xx is a response violation anyway) are the tests' deliberately
 * malformed inputs: their request-side messages are dropped, their response is still judged.
 *
 * <p><b>Exemptions</b>, each narrow and explicit:
 * <ul>
 * <li>{@code /q/...}: the framework's management endpoints (health, metrics, the served contract, Swagger UI) are
 * not operations of the API and are not in the contract.</li>
 * <li>A path or method the contract does not have, answered {@code 404} or {@code 405}: tests of the answer to
 * unknown routes. The body, when there is one, must still be a {@code Problem}. Any other answer to an
 * undeclared path or method is a violation (an endpoint the contract does not declare).</li>
 * <li>A CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}): answered by the CORS layer
 * ({@code app.sarafan.cors}) before any resource, it belongs to the CORS protocol, not to an operation, and is not
 * in the contract (docs/browsers.md says what it answers; {@code CorsTest} holds it to that).</li>
 * </ul>
 *
 * <p>The document is parsed once per class loader that runs tests (about 0.5 s each: one for the plain tests, one
 * per Quarkus test profile), never per call; the validator is thread-safe and shared by concurrent requests.
 */
public final class Contract {

    /** Where the tests find the contract: the project's top level, the working directory of Maven's test JVM. */
    static final Path DOCUMENT = Path.of("openapi.yaml");

    private static final Set<Integer> UNKNOWN_ROUTE_STATUSES = Set.of(404, 405);

    private static final ObjectMapper VALUES = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final OpenApiInteractionValidator validator;
    private final ProblemSchema problem;
    private final OpenAPI api;
    private final SchemaValidator values;

    private Contract(OpenApiInteractionValidator validator, ProblemSchema problem, OpenAPI api, LevelResolver levels) {
        this.validator = validator;
        this.problem = problem;
        this.api = api;
        this.values = new SchemaValidator(api, new MessageResolver(levels));
    }

    /** The contract of this project, parsed on first use. */
    public static Contract get() {
        return Holder.CONTRACT;
    }

    private static final class Holder {
        static final Contract CONTRACT = parse(read(DOCUMENT));
    }

    static Contract parse(String document) {
        // The library's own loader and parse options (refs resolved, combinators kept), so that the header and
        // Problem checks below read the same model as the validator.
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        OpenAPI api = new OpenApiLoader().loadApi(SpecSource.inline(document), List.of(), options);
        ResolvedTypes.repair(api);
        LevelResolver levels = LevelResolver.create()
                .withDefaultLevel(Level.ERROR)
                // ERROR (the library's LevelResolverFactory makes it IGNORE) turns on additionalProperties: false
                // for every object schema that does not say otherwise: an undeclared field fails.
                .withLevel(SchemaValidator.ADDITIONAL_PROPERTIES_KEY, Level.ERROR)
                .build();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api)
                .withLevelResolver(levels)
                .withCustomResponseValidation(new DeclaredHeaders())
                .build();
        return new Contract(validator, new ProblemSchema(api, levels), api, levels);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("the tests read the contract from " + path.toAbsolutePath(), e);
        }
    }

    /** What the validator finds wrong with one JSON value judged by a schema of components/schemas; empty if valid. */
    public List<String> schemaViolations(String schema, String json) {
        Schema<?> named = api.getComponents().getSchemas().get(schema);
        if (named == null) {
            throw new IllegalArgumentException("the contract has no schema " + schema);
        }
        // Parsed here: the validator's String form takes a string schema's value as raw text, not JSON.
        ValidationReport report = values.validate(() -> VALUES.readTree(json), named, "value");
        return report.getMessages().stream().filter(m -> m.getLevel() == Level.ERROR).map(Contract::describe).toList();
    }

    /** The violations of the contract in one exchange, by the policy above; empty when it keeps the contract. */
    public List<String> violations(Request request, Response response) {
        if (exempt(request)) {
            return List.of();
        }
        ValidationReport report = validator.validate(request, response);
        boolean accepted = response.getStatus() >= 200 && response.getStatus() < 400;
        List<String> violations = new ArrayList<>();
        for (Message message : report.getMessages()) {
            if (message.getLevel() != Level.ERROR) {
                continue;
            }
            String key = message.getKey();
            if (isUnknownRoute(key)) {
                if (!UNKNOWN_ROUTE_STATUSES.contains(response.getStatus())) {
                    violations.add(describe(message) + " (answered " + response.getStatus()
                            + ": the service serves an operation the contract does not declare)");
                } else {
                    violations.addAll(problem.violations(response));
                }
                continue;
            }
            if (key.startsWith("validation.request.") && !accepted) {
                continue;
            }
            violations.add(describe(message));
        }
        return violations;
    }

    private static boolean exempt(Request request) {
        if (request.getPath().startsWith("/q/")) {
            return true;
        }
        return request.getMethod() == Request.Method.OPTIONS
                && request.getHeaderValue("Access-Control-Request-Method").isPresent();
    }

    private static boolean isUnknownRoute(String key) {
        return key.equals("validation.request.path.missing") || key.equals("validation.request.operation.notAllowed");
    }

    private static String describe(Message message) {
        StringBuilder text = new StringBuilder("[").append(message.getKey()).append("] ").append(message.getMessage());
        message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .ifPresent(pointers -> text.append(" at ").append(pointers.getInstance()));
        for (String info : message.getAdditionalInfo()) {
            text.append("; ").append(info);
        }
        for (Message nested : message.getNestedMessages()) {
            text.append("\n      ").append(describe(nested));
        }
        return text.toString();
    }

    static String lower(String header) {
        return header.toLowerCase(Locale.ROOT);
    }

    static String describeAll(ValidationReport report) {
        StringBuilder text = new StringBuilder();
        report.getMessages().stream().filter(m -> m.getLevel() == Level.ERROR)
                .forEach(m -> text.append(text.isEmpty() ? "" : "\n").append(describe(m)));
        return text.toString();
    }
}
