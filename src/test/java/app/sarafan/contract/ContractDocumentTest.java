package app.sarafan.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** openapi.yaml as a strict YAML parser reads it: a repeated key anywhere makes generators refuse the file. */
class ContractDocumentTest {

    private static final ObjectMapper STRICT_YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    @Test
    void theContractLoadsWithAParserThatRefusesDuplicateKeys() throws IOException {
        JsonNode contract = STRICT_YAML.readTree(Files.readString(Path.of("openapi.yaml")));
        assertEquals("3.0.3", contract.path("openapi").asText());
        assertTrue(contract.path("paths").size() > 50);
    }

    @Test
    void theParserDoesRefuseARepeatedKey() {
        assertThrows(IOException.class, () -> STRICT_YAML.readTree("example:\n  status: 409\n  status: REJECTED\n"));
    }
}
