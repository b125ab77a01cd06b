package app.sarafan.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules a test puts in force and takes out again: the test database is shared by all test classes, so a rule left
 * active would decide for later tests. Created with the top priority, so that they decide while they are in force.
 */
public final class TestRules {

    private record Created(String id, int version, Map<String, Object> definition) {
    }

    private final List<Created> created = new ArrayList<>();

    /** Puts a rule in force (priority 1000 unless given); answers its id. */
    public String activate(Map<String, Object> definition) {
        Map<String, Object> rule = new HashMap<>(definition);
        rule.putIfAbsent("priority", 1000);
        var answer = given().header("X-Api-Key", ApiTest.ADMIN_KEY).contentType("application/json").body(rule)
                .post("/v1/admin/rules").then().statusCode(201).extract();
        created.add(new Created(answer.path("id"), answer.path("version"), rule));
        return answer.path("id");
    }

    /** The current version id of a rule (what transactions it produced point at). */
    public static String versionId(String ruleId) {
        return given().header("X-Api-Key", ApiTest.ADMIN_KEY).get("/v1/admin/rules/{id}", ruleId).then()
                .statusCode(200).extract().path("versionId");
    }

    public void deactivateAll() {
        for (Created rule : created) {
            Map<String, Object> inactive = new HashMap<>(rule.definition());
            inactive.put("active", false);
            given().header("X-Api-Key", ApiTest.ADMIN_KEY).contentType("application/json")
                    .header("If-Match", "\"" + rule.version() + "\"").body(inactive)
                    .put("/v1/admin/rules/{id}", rule.id()).then().statusCode(200);
        }
        created.clear();
    }

    /** Takes every rule in force out of force, whoever put it there: a test that needs no rule but its own. */
    @SuppressWarnings("unchecked")
    public static void noRuleInForce() {
        String cursor = null;
        do {
            var request = given().header("X-Api-Key", ApiTest.ADMIN_KEY).queryParam("active", true)
                    .queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/admin/rules").then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> rule : items) {
                Map<String, Object> definition = new HashMap<>((Map<String, Object>) rule.get("definition"));
                definition.put("active", false);
                definition.values().removeIf(java.util.Objects::isNull);
                given().header("X-Api-Key", ApiTest.ADMIN_KEY).contentType("application/json")
                        .header("If-Match", "\"" + rule.get("version") + "\"").body(definition)
                        .put("/v1/admin/rules/{id}", rule.get("id")).then().statusCode(200);
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
    }
}
