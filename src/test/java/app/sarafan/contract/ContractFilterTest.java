package app.sarafan.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import app.sarafan.support.contract.ContractFilter;
import app.sarafan.support.contract.ContractFilter.ContractViolation;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract filter fails a call that breaks openapi.yaml. A crafted server answers what Sarafan must never
 * answer; the rest-assured calls below install nothing themselves, so they also prove that the filter is on every
 * call of every test, this plain JUnit class included.
 */
class ContractFilterTest {

    private static final String BALANCE = """
            {"available":"10.00","pending":"0.00","reserved":"0.00","total":"10.00",\
            "expiringSoon":{"amount":"0.00","withinDays":7,"nextExpiryAt":null},"asOf":"2026-11-25T10:15:30Z"}""";

    private HttpServer server;
    private volatile int status;
    private volatile String contentType;
    private volatile String body;
    private volatile Map<String, String> headers = Map.of();

    @BeforeEach
    void startCraftedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopCraftedServer() {
        server.stop(0);
    }

    private void answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    private RequestSpecification shop() {
        return given().baseUri("http://127.0.0.1").port(server.getAddress().getPort()).header("X-Api-Key", "k");
    }

    private Response balance() {
        return shop().get("/v1/members/{id}/balance", "cust-1");
    }

    /** Asserts the call fails naming {@code expected}, and claims the violation so this test itself passes. */
    private void assertBreaksContract(Runnable call, String expected) {
        ContractViolation violation = assertThrows(ContractViolation.class, call::run);
        assertTrue(violation.getMessage().contains(expected), violation.getMessage());
        List<String> claimed = ContractFilter.takeViolations();
        assertEquals(1, claimed.size(), claimed.toString());
    }

    @Test
    void aResponseThatKeepsTheContractPasses() {
        answer(200, "application/json", BALANCE);
        balance().then().statusCode(200);
        assertTrue(ContractFilter.installed(), "the filter is one of rest-assured's global filters");
    }

    @Test
    void anUndeclaredFieldFails() {
        answer(200, "application/json", BALANCE.replace("\"asOf\"", "\"bonus\":\"1.00\",\"asOf\""));
        assertBreaksContract(this::balance, "validation.response.body.schema.additionalProperties");
    }

    @Test
    void anUndeclaredNullFails() {
        answer(200, "application/json", BALANCE.replace("\"asOf\":\"2026-11-25T10:15:30Z\"", "\"asOf\":null"));
        assertBreaksContract(this::balance, "validation.response.body.schema.type");
    }

    @Test
    void aMissingRequiredFieldFails() {
        answer(200, "application/json", BALANCE.replace("\"total\":\"10.00\",", ""));
        assertBreaksContract(this::balance, "validation.response.body.schema.required");
    }

    @Test
    void aWrongTypeFails() {
        answer(200, "application/json", BALANCE.replace("\"withinDays\":7", "\"withinDays\":\"7\""));
        assertBreaksContract(this::balance, "validation.response.body.schema.type");
    }

    @Test
    void anUndeclaredStatusFails() {
        answer(418, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Teapot\",\"status\":418,\"detail\":\"short and stout\"}");
        assertBreaksContract(this::balance, "validation.response.status.unknown");
    }

    @Test
    void anUndeclaredContentTypeFails() {
        answer(200, "text/plain", BALANCE);
        assertBreaksContract(this::balance, "validation.response.contentType.notAllowed");
    }

    @Test
    void anUndeclaredHeaderFails() {
        answer(200, "application/json", BALANCE);
        headers = Map.of("Location", "/v1/members/cust-1");
        assertBreaksContract(this::balance, "validation.response.header.undeclared");
    }

    @Test
    void aRequestTheServiceAcceptedButTheContractRefusesFails() {
        answer(200, "application/json", BALANCE);
        assertBreaksContract(() -> given().baseUri("http://127.0.0.1").port(server.getAddress().getPort())
                .get("/v1/members/{id}/balance", "cust-1"), "validation.request.security.missing");
    }

    @Test
    void aMalformedRequestTheServiceRefusedIsNotFlaggedButItsAnswerIs() {
        answer(401, "application/problem+json", """
                {"type":"https://sarafan.app/problems/unauthorized","title":"Authentication is required",\
                "status":401,"detail":"Send a valid X-Api-Key","instance":"/v1/members/cust-1/balance"}""");
        headers = Map.of("WWW-Authenticate", "Bearer, ApiKey header=\"X-Api-Key\"");
        given().baseUri("http://127.0.0.1").port(server.getAddress().getPort())
                .get("/v1/members/{id}/balance", "cust-1").then().statusCode(401);

        answer(401, "application/problem+json", "{\"title\":\"no type, no status\"}");
        assertBreaksContract(() -> given().baseUri("http://127.0.0.1").port(server.getAddress().getPort())
                .get("/v1/members/{id}/balance", "cust-1"), "validation.response.body.schema.required");
    }

    @Test
    void anUndeclaredOperationThatAnswersFails() {
        answer(200, "application/json", "{}");
        assertBreaksContract(() -> shop().get("/v1/not-in-the-contract"), "validation.request.path.missing");
    }

    @Test
    void anUnknownRouteAnswered404MustStillBeAProblem() {
        answer(404, "application/problem+json", """
                {"type":"https://sarafan.app/problems/not-found","title":"Not found","status":404,\
                "detail":"No such resource","instance":"/v1/not-in-the-contract"}""");
        shop().get("/v1/not-in-the-contract").then().statusCode(404);

        answer(404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":\"404\","
                + "\"detail\":\"x\"}");
        assertBreaksContract(() -> shop().get("/v1/not-in-the-contract"), "[unknown-route]");
    }
}
