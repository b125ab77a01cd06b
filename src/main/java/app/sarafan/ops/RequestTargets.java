package app.sarafan.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.http.ContractParameters;
import app.sarafan.common.http.ContractParameters.Parameter;
import app.sarafan.common.http.ContractParameters.PathTemplate;
import app.sarafan.common.http.RequestText;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds every request target to what the contract promises, before authentication and before any resource: a URI
 * no longer than {@code sarafan.http.max-uri-length} (414), headers within {@code sarafan.http.max-header-size}
 * (431), and path and query parameters that are UTF-8 text without control characters and within the maxLength
 * openapi.yaml documents for them, and not empty unless the parameter is a free string (400 naming the parameter). The database never sees a NUL, and no resource has
 * to check.
 */
final class RequestTargets implements Handler<RoutingContext> {

    private final ContractParameters contract;
    private final int maxUriLength;
    private final long maxHeaderSize;

    RequestTargets(ContractParameters contract, int maxUriLength, long maxHeaderSize) {
        this.contract = contract;
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            EdgeAnswer.send(ctx, Problem.of(ProblemType.URI_TOO_LONG,
                    "The request URI is longer than " + maxUriLength + " characters"), true);
            return;
        }
        long headerSize = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headerSize += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerSize > maxHeaderSize) {
            EdgeAnswer.send(ctx, Problem.of(ProblemType.HEADERS_TOO_LARGE,
                    "The request headers are larger than " + maxHeaderSize + " bytes"), true);
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> segments = ContractParameters.segments(ctx.normalizedPath());
        Optional<PathTemplate> template = contract.match(segments);
        for (int i = 0; i < segments.size(); i++) {
            int index = i;
            Parameter parameter = template.map(t -> t.pathParameterAt(index)).orElse(null);
            String text;
            try {
                text = RequestText.pathSegment(segments.get(i));
            } catch (RequestText.NotText e) {
                if (parameter == null) {
                    // Not a parameter of any documented path: no resource is there.
                    EdgeAnswer.send(ctx, Problem.of(ProblemType.NOT_FOUND,
                            "No resource at this path: segment " + (i + 1) + " " + e.getMessage()));
                    return;
                }
                errors.add(new FieldError(parameter.name(), e.getMessage()));
                continue;
            }
            tooLong(parameter, text).ifPresent(errors::add);
        }
        Map<String, Parameter> query = template.map(t -> t.query(ctx.request().method().name())).orElse(Map.of());
        String rawQuery = ctx.request().query();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String name;
                try {
                    name = RequestText.queryComponent(rawName);
                } catch (RequestText.NotText e) {
                    errors.add(new FieldError("query", "has a parameter name that " + e.getMessage()));
                    continue;
                }
                try {
                    String value = equals < 0 ? "" : RequestText.queryComponent(pair.substring(equals + 1));
                    Parameter documented = query.get(name);
                    if (value.isEmpty() && documented != null && !documented.mayBeEmpty()) {
                        errors.add(new FieldError(name, "must not be empty; leave the parameter out for its default"));
                        continue;
                    }
                    tooLong(documented, value).ifPresent(errors::add);
                } catch (RequestText.NotText e) {
                    errors.add(new FieldError(name, e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            EdgeAnswer.send(ctx, Problem.validation(errors.stream().distinct().toList()));
            return;
        }
        ctx.next();
    }

    private static Optional<FieldError> tooLong(Parameter parameter, String text) {
        if (parameter == null || parameter.maxLength() == null || RequestText.length(text) <= parameter.maxLength()) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(parameter.name(), "must be at most " + parameter.maxLength()
                + " characters long"));
    }
}
