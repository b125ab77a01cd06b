package app.sarafan.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import app.sarafan.common.money.MoneyText;
import app.sarafan.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boundary of what an amount may look like, one list for both judges: the service (an adjustment through
 * HTTP) and openapi.yaml's {@code Money} schema. What one accepts the other accepts. Accepted requests are also
 * checked against the whole contract by the test base's validator.
 */
@QuarkusTest
class MoneySpellingTest extends ApiTest {

    /** A JSON value as sent, and the amount answered for it. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("\"500\"", "500.00"),
                Arguments.of("\"500.5\"", "500.50"),
                Arguments.of("\"500.50\"", "500.50"),
                Arguments.of("\"0.01\"", "0.01"),
                Arguments.of("\"0007.25\"", "7.25"),
                // 12 integer digits credited: a 13-digit credit would overflow the program's totals that other tests
                // read; the 13-digit bound itself is checked against the contract below.
                Arguments.of("\"999999999999.99\"", "999999999999.99"));
    }

    /** A JSON value as sent, and the reason answered for it. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("500", MoneyText.NOT_A_DECIMAL),
                Arguments.of("10.5", MoneyText.NOT_A_DECIMAL),
                Arguments.of("1e3", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"10.005\"", MoneyText.TOO_MANY_FRACTION_DIGITS),
                Arguments.of("\"10.000\"", MoneyText.TOO_MANY_FRACTION_DIGITS),
                Arguments.of("\"12345678901234\"", MoneyText.TOO_MANY_INTEGER_DIGITS),
                Arguments.of("\"12345678901234.00\"", MoneyText.TOO_MANY_INTEGER_DIGITS),
                Arguments.of("\" 10.00\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"10.00 \"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"10.00\\n\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"+10.00\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"1e3\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\".5\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"5.\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"10,00\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"\u0661\u0660\"", MoneyText.NOT_A_DECIMAL),
                Arguments.of("\"\"", MoneyText.NOT_A_DECIMAL));
    }

    @ParameterizedTest(name = "{0} is credited as {1}")
    @MethodSource("accepted")
    void theServiceTakesTheSpellingExactly(String amount, String answered) {
        String member = newMember();
        creditOf(member, amount).then().statusCode(201).body("transaction.amount", equalTo(answered));
        assertEquals(answered, available(member));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @MethodSource("refused")
    void theServiceRefusesTheSpellingAndWritesNothing(String amount, String reason) {
        String member = newMember();
        creditOf(member, amount).then().statusCode(400)
                .body("type", equalTo("https://sarafan.app/problems/validation"))
                .body("errors[0].field", equalTo("amount"))
                .body("errors[0].message", equalTo(reason));
        assertEquals("0.00", available(member));
    }

    @ParameterizedTest(name = "{0} is valid Money")
    @MethodSource("accepted")
    void theContractTakesWhatTheServiceTakes(String amount, String answered) throws IOException {
        assertTrue(money().accepts(json.readTree(amount)), amount);
        assertTrue(money().accepts(json.readTree("\"" + answered + "\"")), answered);
    }

    @ParameterizedTest(name = "{0} is not valid Money")
    @MethodSource("refused")
    void theContractRefusesWhatTheServiceRefuses(String amount, String reason) throws IOException {
        assertFalse(money().accepts(json.readTree(amount)), amount);
    }

    @Test
    void theServiceReadsMoneyByTheContractsPattern() throws IOException {
        assertEquals(MoneyText.PATTERN, money().pattern.pattern());
        assertTrue(money().accepts(json.readTree("\"-300.00\"")));
        assertTrue(money().accepts(json.readTree("\"9999999999999.99\"")));
    }

    private static io.restassured.response.Response creditOf(String member, String amount) {
        return admin().body("{\"type\":\"CREDIT\",\"amount\":" + amount + ",\"reason\":\"spelling\"}")
                .post("/v1/admin/members/{id}/adjustments", member);
    }

    private final ObjectMapper json = new ObjectMapper();

    /**
     * openapi.yaml's Money schema: a string of at most maxLength characters matching its pattern. The pattern is
     * anchored with ^ and $, which ECMA-262 reads as the ends of the input: Java's matches() reads it the same
     * (find() would let $ match before a final newline).
     */
    private record MoneySchema(String type, int maxLength, Pattern pattern) {

        boolean accepts(JsonNode value) {
            return "string".equals(type) && value.isTextual() && value.asText().length() <= maxLength
                    && pattern.matcher(value.asText()).matches();
        }
    }

    private static MoneySchema money() throws IOException {
        JsonNode schema = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile())
                .path("components").path("schemas").path("Money");
        return new MoneySchema(schema.path("type").asText(), schema.path("maxLength").asInt(),
                Pattern.compile(schema.path("pattern").asText()));
    }
}
