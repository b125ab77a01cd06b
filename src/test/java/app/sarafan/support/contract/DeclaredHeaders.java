package app.sarafan.support.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.atlassian.oai.validator.interaction.response.CustomResponseValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * No API header is answered that the status does not declare: {@code Location}, {@code ETag},
 * {@code Idempotent-Replayed}, {@code Allow}, {@code Retry-After}, {@code WWW-Authenticate} and the like are part of
 * the contract, so an integrator's generated client knows them. (The library checks the declared ones: present when
 * {@code required}, valid against their schema.) HTTP's own framing and caching headers, and CORS headers, which
 * the CORS layer adds to the member paths for the configured origins ({@code app.sarafan.cors}), are not declared
 * per operation.
 */
final class DeclaredHeaders implements CustomResponseValidator {

    static final String KEY = "validation.response.header.undeclared";

    private static final Set<String> TRANSPORT = Set.of(
            "content-type", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive",
            "date", "server", "vary", "cache-control", "pragma", "expires",
            // Prism's report, when the tests run through it as a contract proxy (ContractFilter)
            "sl-violations");

    private static final String CORS_PREFIX = "access-control-";

    @Override
    public ValidationReport validate(Response response, ApiOperation operation) {
        ApiResponse declared = operation.getOperation().getResponses() == null ? null
                : operation.getOperation().getResponses().get(String.valueOf(response.getStatus()));
        if (declared == null) {
            return ValidationReport.empty(); // an undeclared status is reported as such by the library
        }
        Set<String> declaredNames = new TreeSet<>();
        Map<String, Header> headers = declared.getHeaders();
        if (headers != null) {
            headers.keySet().forEach(name -> declaredNames.add(Contract.lower(name)));
        }
        List<ValidationReport.Message> messages = new ArrayList<>();
        for (String name : answeredHeaders(response)) {
            if (!TRANSPORT.contains(name) && !name.startsWith(CORS_PREFIX) && !declaredNames.contains(name)) {
                messages.add(ValidationReport.Message.create(KEY, "Response header '" + name + "' is answered with "
                        + response.getStatus() + " on " + operation.getMethod() + " "
                        + operation.getApiPath().original() + " but not declared there").build());
            }
        }
        return ValidationReport.from(messages);
    }

    private static Set<String> answeredHeaders(Response response) {
        if (response instanceof AnsweredHeaders answered) {
            return answered.headerNames();
        }
        return Set.of();
    }

    /** A response that can tell which headers it carries (the library's model can only be asked for a name). */
    interface AnsweredHeaders {
        Set<String> headerNames();
    }
}
