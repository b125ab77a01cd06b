package app.sarafan.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import app.sarafan.common.http.ContractParameters;
import app.sarafan.common.http.ContractParameters.Parameter;
import app.sarafan.common.http.ContractParameters.PathTemplate;
import app.sarafan.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the HTTP layer answers before any resource: every answer a problem with a body, and no stack trace logged. */
@QuarkusTest
class HttpEdgeTest extends ApiTest {

    private static final String PROBLEM = "application/problem+json";
    /** NUL, another C0 control, a broken two-byte sequence, a byte that is never UTF-8, an encoded surrogate. */
    private static final List<String> NOT_TEXT = List.of("a%00b", "%1F", "%C3%28", "%FF", "%ED%A0%80");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<LogRecord> traces = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                synchronized (traces) {
                    traces.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void noStackTraceWasLogged() {
        Logger.getLogger("").removeHandler(capture);
        synchronized (traces) {
            assertEquals(List.of(), traces.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() == null ? "" : " " + r.getThrown())).toList(), "errors or traces logged");
        }
    }

    @Test
    void everyPathParameterThatIsNotTextOrTooLongIsABadRequestNamingIt() throws Exception {
        ContractParameters contract;
        try (InputStream in = new FileInputStream("openapi.yaml")) {
            contract = ContractParameters.read(in);
        }
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (PathTemplate template : contract.templates()) {
            for (int i = 0; i < template.literals().size(); i++) {
                Parameter parameter = template.pathParameterAt(i);
                if (parameter == null) {
                    continue;
                }
                List<String> values = new ArrayList<>(NOT_TEXT);
                if (parameter.maxLength() != null) {
                    values.add("a".repeat(parameter.maxLength() + 1));
                }
                for (String method : methodsOf(template)) {
                    for (String value : values) {
                        String path = pathWith(template, i, value);
                        sent++;
                        String failure = expectProblem(method, path, 400, parameter.name());
                        if (failure != null) {
                            failures.add(failure);
                        }
                    }
                }
            }
        }
        assertTrue(sent > 100, "only " + sent + " requests");
        assertEquals(List.of(), failures);
    }

    @Test
    void queryParametersThatAreNotTextOrTooLongNameTheParameter() throws Exception {
        String alice = newMember();
        List<String> failures = new ArrayList<>();
        for (String value : NOT_TEXT) {
            add(failures, expectProblem("GET", "/v1/members/" + alice + "/transactions?cursor=" + value, 400, "cursor"));
            add(failures, expectProblem("GET", "/v1/admin/audit-log?actor=" + value, 400, "actor"));
            add(failures, expectProblem("GET", "/v1/admin/withdrawals?externalId=" + value, 400, "externalId"));
        }
        add(failures, expectProblem("GET", "/v1/admin/withdrawals?externalId=" + "a".repeat(129), 400, "externalId"));
        add(failures, expectProblem("GET", "/v1/admin/promo-materials?locale=" + "a".repeat(36), 400, "locale"));
        assertEquals(List.of(), failures);
        // Within the limits the same parameters still work.
        given().header("X-Api-Key", ADMIN_KEY).queryParam("externalId", "a".repeat(128))
                .get("/v1/admin/withdrawals").then().statusCode(200);
    }

    @Test
    void anEmptyValueOfATypedQueryParameterIsRefusedNotReadAsAbsent() throws Exception {
        String alice = newMember();
        List<String> failures = new ArrayList<>();
        add(failures, expectProblem("GET", "/v1/members/" + alice + "/transactions?limit=", 400, "limit"));
        add(failures, expectProblem("GET", "/v1/members/" + alice + "/transactions?from=", 400, "from"));
        add(failures, expectProblem("GET", "/v1/admin/withdrawals?status=", 400, "status"));
        add(failures, expectProblem("GET", "/v1/admin/webhooks?limit", 400, "limit"));
        assertEquals(List.of(), failures);
        // A free-text parameter may be empty: it filters nothing out.
        given().header("X-Api-Key", ADMIN_KEY).get("/v1/admin/withdrawals?externalId=").then().statusCode(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsSoonAsTheLimitIsPassed() throws IOException {
        assertChunkedRefusedAt("/v1/members", "application/json", 1024 * 1024);
        assertChunkedRefusedAt("/v1/admin/imports", "text/csv", 16 * 1024 * 1024);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        String externalId = "cust-chunked-" + System.nanoTime();
        byte[] body = ("{\"externalId\":\"" + externalId + "\",\"email\":\"c@example.com\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/members"))
                .header("X-Api-Key", SHOP_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
        HttpResponse<String> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
        assertEquals(201, response.statusCode(), response.body());
        shop().get("/v1/members/{id}", externalId).then().statusCode(200);
    }

    @Test
    void methodNotAllowedNamesTheMethodsThePathServes() {
        shop().delete("/v1/members").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "POST").body("status", equalTo(405))
                .body("type", endsWith("/method-not-allowed"));
        shop().delete("/v1/members/{id}", "cust-x").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, HEAD, PATCH");
        given().header("X-Api-Key", ADMIN_KEY).put("/v1/admin/rules").then().statusCode(405)
                .header("Allow", "GET, HEAD, POST");
    }

    @Test
    void frameworkAnswersAreProblemsWithABody() {
        shop().accept("text/html").get("/v1/members/{id}", "cust-x").then().statusCode(406).contentType(PROBLEM)
                .body("status", equalTo(406)).body("type", endsWith("/not-acceptable"));
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.XML).body("<member/>").post("/v1/members")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
        given().get("/v1/members/" + "a".repeat(9000)).then().statusCode(414).contentType(PROBLEM)
                .body("status", equalTo(414)).body("type", endsWith("/uri-too-long"));
        given().header("X-Filler", "a".repeat(30_000)).get("/v1/members/cust-x").then().statusCode(431)
                .contentType(PROBLEM).body("status", equalTo(431)).body("type", endsWith("/headers-too-large"));
    }

    private void assertChunkedRefusedAt(String path, String contentType, int limit) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + ADMIN_KEY
                    + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            // One byte past the limit and no last chunk: the answer must come while the body is still open.
            for (int written = 0; written <= limit; written += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
            JsonNode problem = json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals(413, problem.get("status").asInt());
            assertTrue(problem.get("type").asText().endsWith("/payload-too-large"), response);
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            read.write(buffer, 0, n);
            String text = read.toString(StandardCharsets.UTF_8);
            int head = text.indexOf("\r\n\r\n");
            if (head > 0 && text.endsWith("}")) {
                return text;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private String expectProblem(String method, String path, int status, String field) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("X-Api-Key", path.startsWith("/v1/admin") ? ADMIN_KEY : SHOP_KEY)
                .header("Authorization", "Bearer not-a-token");
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String where = method + " " + path + " -> " + response.statusCode() + " " + response.body();
        if (response.statusCode() != status
                || !response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM)) {
            return where;
        }
        JsonNode problem = json.readTree(response.body());
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status
                || !problem.path("errors").path(0).path("field").asText().equals(field)) {
            return where;
        }
        return null;
    }

    private static List<String> methodsOf(PathTemplate template) {
        List<String> methods = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            if (template.queryByMethod().containsKey(method)) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static String pathWith(PathTemplate template, int index, String value) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < template.literals().size(); i++) {
            path.append('/');
            String literal = template.literals().get(i);
            path.append(i == index ? value : literal != null ? literal : "1");
        }
        return path.toString();
    }

    private static void add(List<String> failures, String failure) {
        if (failure != null) {
            failures.add(failure);
        }
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
