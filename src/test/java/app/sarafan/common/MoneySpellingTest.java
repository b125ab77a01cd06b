package app.sarafan.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import app.sarafan.common.money.MoneyText;
import app.sarafan.support.ApiTest;
import app.sarafan.support.contract.Contract;
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
 * HTTP) and openapi.yaml's {@code Money} schema as the contract validator of the test base reads it. What one
 * accepts the other accepts, and what one refuses the other refuses.
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
                Arguments.of("\"9999999999999.99\"", "9999999999999.99"),
                Arguments.of("500", "500.00"),
                Arguments.of("10.5", "10.50"),
                // JavaScript validators misjudge this one (0.07 / 0.01 is not an integer in doubles): the service
                // and multipleOf read decimals exactly.
                Arguments.of("0.07", "0.07"),
                Arguments.of("19.99", "19.99"),
                // A number is its value: trailing zeros and an exponent change nothing (multipleOf reads the same).
                Arguments.of("10.500", "10.50"),
                Arguments.of("1e3", "1000.00"),
                Arguments.of("1.25E2", "125.00"),
                Arguments.of("9999999999999.99", "9999999999999.99"));
    }

    /** A JSON value as sent, and the reason answered for it. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("10.005", MoneyText.TOO_MANY_FRACTION_DIGITS),
                Arguments.of("0.001", MoneyText.TOO_MANY_FRACTION_DIGITS),
                Arguments.of("1e-3", MoneyText.TOO_MANY_FRACTION_DIGITS),
                Arguments.of("10000000000000", MoneyText.TOO_MANY_INTEGER_DIGITS),
                Arguments.of("1e13", MoneyText.TOO_MANY_INTEGER_DIGITS),
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
    void theContractTakesWhatTheServiceTakes(String amount, String answered) {
        assertEquals(List.of(), Contract.get().schemaViolations("Money", amount), amount);
        assertEquals(List.of(), Contract.get().schemaViolations("Amount", "\"" + answered + "\""), answered);
    }

    @ParameterizedTest(name = "{0} is not valid Money")
    @MethodSource("refused")
    void theContractRefusesWhatTheServiceRefuses(String amount, String reason) {
        assertFalse(Contract.get().schemaViolations("Money", amount).isEmpty(), amount);
    }

    @Test
    void theServiceReadsMoneyStringsByTheContractsPattern() throws IOException {
        JsonNode money = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile())
                .path("components").path("schemas").path("Money");
        assertEquals(MoneyText.PATTERN, money.path("anyOf").path(0).path("pattern").asText());
        assertEquals(List.of(), Contract.get().schemaViolations("Money", "\"-300.00\""));
        assertEquals(List.of(), Contract.get().schemaViolations("Money", "-9999999999999.99"));
    }

    @Test
    void answersAreAlwaysTwoFractionalDigitsAndMaySumBeyondWhatACallerSends() {
        assertEquals(List.of(), Contract.get().schemaViolations("Amount", "\"123456789012345.00\""));
        assertFalse(Contract.get().schemaViolations("Amount", "\"500\"").isEmpty());
        assertFalse(Contract.get().schemaViolations("Amount", "500.00").isEmpty());
    }

    private static io.restassured.response.Response creditOf(String member, String amount) {
        return admin().body("{\"type\":\"CREDIT\",\"amount\":" + amount + ",\"reason\":\"spelling\"}")
                .post("/v1/admin/members/{id}/adjustments", member);
    }
}
