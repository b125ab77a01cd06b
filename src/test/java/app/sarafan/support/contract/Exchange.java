package app.sarafan.support.contract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.restassured.specification.FilterableRequestSpecification;

/**
 * One rest-assured exchange in the validator's model, read from what went on the wire: the path as sent (still
 * percent-encoded: the validator decodes path parameters itself), the query parameters of the final URI (whether
 * the test wrote them into the path or added them as parameters), every header, and the body as serialized.
 */
record Exchange(Request request, Response response, String method, String uri, int status, String body) {

    private static final int BODY_EXCERPT = 1500;

    static Exchange of(FilterableRequestSpecification spec, io.restassured.response.Response answered) {
        String uri = spec.getURI();
        // Split by hand, not by java.net.URI: tests send bytes URI would refuse (on purpose).
        int authority = uri.indexOf("://");
        int pathStart = authority < 0 ? 0 : uri.indexOf('/', authority + 3);
        String pathAndQuery = pathStart < 0 ? "/" : uri.substring(pathStart);
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        SimpleRequest.Builder request = new SimpleRequest.Builder(spec.getMethod(), path.isEmpty() ? "/" : path);
        queryParameters(question < 0 ? null : pathAndQuery.substring(question + 1)).forEach(request::withQueryParam);
        spec.getHeaders().forEach(header -> request.withHeader(header.getName(), header.getValue()));
        if (spec.getContentType() != null) {
            request.withContentType(spec.getContentType());
        }
        Object body = spec.getBody();
        if (body instanceof String text) {
            request.withBody(text);
        } else if (body instanceof byte[] bytes) {
            request.withBody(bytes);
        }

        byte[] bytes = answered.getBody().asByteArray();
        SimpleResponse.Builder response = new SimpleResponse.Builder(answered.getStatusCode()).withBody(bytes);
        Set<String> names = new TreeSet<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answered.getHeaders().forEach(header -> {
            names.add(Contract.lower(header.getName()));
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        });
        headers.forEach(response::withHeader);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new Exchange(request.build(), new WithHeaderNames(response.build(), names), spec.getMethod(),
                spec.getURI(), answered.getStatusCode(), text);
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a test sending a malformed escape on purpose: judged as written
        }
    }

    String describe() {
        String excerpt = body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + "…" : body;
        return method + " " + uri + " → " + status + (excerpt.isEmpty() ? "" : " " + excerpt);
    }

    /** The library's response, which can also list the headers it carries. */
    private record WithHeaderNames(Response delegate, Set<String> headerNames)
            implements Response, DeclaredHeaders.AnsweredHeaders {

        @Override
        public int getStatus() {
            return delegate.getStatus();
        }

        @Override
        public Optional<String> getBody() {
            return delegate.getBody();
        }

        @Override
        public Optional<com.atlassian.oai.validator.model.Body> getResponseBody() {
            return delegate.getResponseBody();
        }

        @Override
        public Collection<String> getHeaderValues(String name) {
            return delegate.getHeaderValues(name);
        }

        @Override
        public Optional<String> getContentType() {
            return delegate.getContentType();
        }
    }
}
