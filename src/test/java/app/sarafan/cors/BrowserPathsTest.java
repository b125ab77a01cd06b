package app.sarafan.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** CORS covers exactly the operations the contract opens to a member token, nothing a key alone may call. */
class BrowserPathsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void corsCoversExactlyTheOperationsAMemberTokenMayCall() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        JsonNode defaultSecurity = contract.path("security");
        List<String> mismatches = new ArrayList<>();
        contract.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!METHODS.contains(operation.getKey())) {
                return;
            }
            JsonNode security = operation.getValue().has("security") ? operation.getValue().path("security")
                    : defaultSecurity;
            boolean memberToken = false;
            for (JsonNode requirement : security) {
                memberToken |= requirement.has("memberJwt");
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            if (memberToken != BrowserPaths.serve(concrete)) {
                mismatches.add(operation.getKey().toUpperCase() + " " + path.getKey()
                        + (memberToken ? " takes a member token but answers no browser" : " is open to browsers"));
            }
        }));
        assertEquals(List.of(), mismatches);
    }

    @Test
    void onlyWholeSegmentsCount() {
        assertEquals(false, BrowserPaths.serve("/v1/members"));
        assertEquals(false, BrowserPaths.serve("/v1/meetings"));
        assertEquals(false, BrowserPaths.serve("/v1/program-terms/x"));
        assertEquals(true, BrowserPaths.serve("/v1/me"));
        assertEquals(true, BrowserPaths.serve("/v1/me/balance"));
    }
}
