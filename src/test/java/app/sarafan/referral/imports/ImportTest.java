package app.sarafan.referral.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest extends ImportTestSupport {

    @Test
    void rowsInAnyOrderAreImportedReferrersFirst() {
        // A four-level chain a <- b <- c <- d, listed from the bottom up, plus a sibling of d before everyone.
        String csv = """
                externalId,referrerExternalId,email,name
                %1$sd,%1$sc,d@example.com,Dmitry Orlov
                %1$se,%1$sc,e@example.com,
                %1$sc,%1$sb,c@example.com,"Chekhov, Anton"
                %1$sb,%1$sa,b@example.com,Boris
                %1$sa,,a@example.com,Anna Smirnova
                """.formatted(run);
        JsonPath report = importCsv(csv);

        assertEquals(5, report.getInt("total"));
        assertEquals(5, report.getInt("imported"));
        assertEquals(0, report.getInt("rejected"));
        assertEquals(0, report.getInt("pending"));
        assertEquals("CSV", report.getString("format"));
        assertNull(referrerOf(id("a")));
        assertEquals(id("a"), referrerOf(id("b")));
        assertEquals(id("c"), referrerOf(id("d")));
        shop().get("/v1/members/{id}/referral", id("d")).then().body("boundVia", equalTo("IMPORT"));
        shop().get("/v1/members/{id}", id("c")).then().body("name", equalTo("Chekhov, Anton"))
                .body("email", equalTo("c@example.com"));
        shop().get("/v1/members/{id}/network", id("a")).then().statusCode(200)
                .body("total", equalTo(4))
                .body("levels.level", equalTo(List.of(1, 2, 3)))
                .body("levels.members", equalTo(List.of(1, 1, 2)));
    }

    @Test
    void rowsThatCannotBeImportedAreRejectedWithTheirReasonAndTheRestIsImported() {
        String blocked = newMember();
        shop().body(Map.of("reason", "fraud")).post("/v1/members/{id}/block", blocked).then().statusCode(200);
        List<Object> rows = List.of(
                row(id("root"), null, "root@example.com"),                                   // 1 imported
                row(id("orphan"), id("nobody"), "orphan@example.com"),                       // 2 unknown referrer
                row(id("x"), id("y"), "x@example.com"),                                      // 3 cycle
                row(id("y"), id("x"), "y@example.com"),                                      // 4 cycle
                row(id("bad-email"), id("root"), "not-an-email"),                            // 5 invalid email
                Map.of("externalId", id("bad-amount"), "email", "m@example.com", "balance", "10.005"), // 6
                row(id("under-bad"), id("bad-email"), "u@example.com"),                      // 7 referrer rejected
                row(id("root"), null, "again@example.com"),                                  // 8 repeats row 1
                row(id("self"), id("self"), "self@example.com"),                             // 9 refers to itself
                row(id("of-blocked"), blocked, "ob@example.com"),                            // 10 blocked referrer
                Map.of("externalId", id("neg"), "email", "n@example.com", "balance", "-5.00"),   // 11 negative balance
                Map.of("externalId", id("lotless"), "email", "l@example.com",
                        "lots", List.of(Map.of("amount", "0.00"))),                          // 12 empty lot
                row(id("child"), id("root"), "child@example.com"));                          // 13 imported
        JsonPath report = importJson(Map.of("rows", rows));

        assertEquals(13, report.getInt("total"));
        assertEquals(2, report.getInt("imported"));
        assertEquals(11, report.getInt("rejected"));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), report.getList("rejectedRows.row"));
        Map<Integer, String> reasons = new java.util.HashMap<>();
        List<Map<String, Object>> rejected = report.getList("rejectedRows");
        rejected.forEach(r -> reasons.put((Integer) r.get("row"), (String) r.get("reason")));
        assertEquals("referrerExternalId: unknown referrer '" + id("nobody")
                + "': not a registered member and not in this file", reasons.get(2));
        assertEquals("referrerExternalId: closes a cycle of referrers in the file (" + id("x") + "'s referrer is "
                + id("y") + ", " + id("y") + "'s referrer is " + id("x") + ")", reasons.get(3));
        assertEquals(reasons.get(3), reasons.get(4));
        assertEquals("email: must be a well-formed email address", reasons.get(5));
        assertEquals("balance: must have at most 2 fractional digits", reasons.get(6));
        assertEquals("referrerExternalId: referrer '" + id("bad-email") + "' (row 5) was not imported",
                reasons.get(7));
        assertEquals("externalId: repeats row 1", reasons.get(8));
        assertEquals("referrerExternalId: is the member themself: a member cannot refer themself", reasons.get(9));
        assertEquals("referrerExternalId: '" + blocked + "' is blocked", reasons.get(10));
        assertEquals("balance: must be 0.00 or more", reasons.get(11));
        assertEquals("lots[0].amount: must be at least 0.01", reasons.get(12));
        assertEquals(id("x"), rejected.get(1).get("externalId"));
        assertEquals(Map.of("field", "email", "message", "must be a well-formed email address"),
                ((List<?>) rejected.get(3).get("errors")).get(0));

        assertEquals(id("root"), referrerOf(id("child")));
        for (String never : List.of("orphan", "x", "y", "bad-email", "bad-amount", "under-bad", "self", "neg")) {
            shop().get("/v1/members/{id}", id(never)).then().statusCode(404);
        }
        shop().get("/v1/members/{id}", id("root")).then().body("email", equalTo("root@example.com"));
    }

    @Test
    void repeatingAnImportChangesNothing() {
        Instant burns = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        String csv = """
                externalId,referrerExternalId,email,balance,lots
                %1$sson,%1$sfather,son@example.com,,30.10@%2$s;0.05
                %1$sfather,,father@example.com,1250.00,
                %1$sdaughter,%1$sfather,daughter@example.com,0.01,
                %1$scousin,%1$snobody,cousin@example.com,5.00,
                """.formatted(run, burns);
        JsonPath first = importCsv(csv);
        assertEquals(List.of(3, 0, 1), List.of(first.getInt("imported"), first.getInt("skipped"),
                first.getInt("rejected")));

        JsonPath second = importCsv(csv);
        assertEquals(List.of(0, 3, 1), List.of(second.getInt("imported"), second.getInt("skipped"),
                second.getInt("rejected")));
        assertEquals(first.getString("rejectedRows[0].reason"), second.getString("rejectedRows[0].reason"));

        // The same rows in JSON, another order, a new import: still nothing changes.
        JsonPath third = importJson(Map.of("rows", List.of(
                Map.of("externalId", id("daughter"), "referrerExternalId", id("father"),
                        "email", "daughter@example.com", "balance", "0.01"),
                Map.of("externalId", id("father"), "email", "father@example.com", "balance", "1250.00"),
                Map.of("externalId", id("son"), "referrerExternalId", id("father"), "email", "son@example.com",
                        "lots", List.of(Map.of("amount", "30.10", "expiresAt", burns.toString()),
                                Map.of("amount", "0.05"))))));
        assertEquals(List.of(0, 3, 0), List.of(third.getInt("imported"), third.getInt("skipped"),
                third.getInt("rejected")));

        assertEquals("1250.00", available(id("father")));
        assertEquals("30.15", available(id("son")));
        assertEquals("0.01", available(id("daughter")));
        assertEquals(2, transactions(id("son")).size());
        assertEquals(1, transactions(id("father")).size());
        for (Map<String, Object> tx : transactions(id("son"))) {
            assertEquals(List.of("ACCRUAL", "IMPORT", id("son")),
                    List.of(tx.get("kind"), tx.get("sourceType"), tx.get("sourceId")));
        }
        shop().get("/v1/members/{id}/network", id("father")).then().body("total", equalTo(2));
    }

    @Test
    void amountsSentAsJsonNumbersAreReadByTheirExactValue() {
        JsonPath report = importJson(Map.of("rows", List.of(
                Map.of("externalId", id("num-balance"), "email", "nb@example.com",
                        "balance", new java.math.BigDecimal("2000.5")),
                Map.of("externalId", id("num-lots"), "email", "nl@example.com",
                        "lots", List.of(Map.of("amount", new java.math.BigDecimal("0.07")), Map.of("amount", 19.99))),
                Map.of("externalId", id("num-fine"), "email", "nf@example.com",
                        "balance", new java.math.BigDecimal("10.005")))));

        assertEquals(2, report.getInt("imported"));
        assertEquals(List.of(3), report.getList("rejectedRows.row"));
        assertEquals("balance: must have at most 2 fractional digits", report.getString("rejectedRows[0].reason"));
        assertEquals("2000.50", available(id("num-balance")));
        assertEquals("20.06", available(id("num-lots")));
    }

    @Test
    void lotsKeepTheirExpiry() {
        Instant soon = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant later = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);
        importJson(Map.of("rows", List.of(Map.of("externalId", id("anna"), "email", "anna@example.com",
                "lots", List.of(Map.of("amount", "1000.00", "expiresAt", soon.toString()),
                        Map.of("amount", "500.00", "expiresAt", later.toString()),
                        Map.of("amount", "20.50"))))));
        importCsv("externalId,email,lots\n" + id("ivan") + ",ivan@example.com,100.00@" + soon + ";50.00\n");

        JsonPath anna = balance(id("anna"));
        assertEquals("1520.50", anna.getString("available"));
        assertEquals("1000.00", anna.getString("expiringSoon.amount"));
        assertEquals(soon, Instant.parse(anna.getString("expiringSoon.nextExpiryAt")));
        JsonPath ivan = balance(id("ivan"));
        assertEquals("150.00", ivan.getString("available"));
        assertEquals("100.00", ivan.getString("expiringSoon.amount"));

        clock.advance(Duration.ofDays(4));
        assertEquals("520.50", available(id("anna")));
        assertEquals("50.00", available(id("ivan")));
        clock.advance(Duration.ofDays(60));
        assertEquals("20.50", available(id("anna")));
    }

    @Test
    void importedRowsJoinMembersAlreadyRegisteredUnderTheBindingRules() {
        String parent = newMember();
        String child = newMember();
        shop().body(Map.of("externalId", id("grandchild"), "email", "gc@example.com")).post("/v1/members")
                .then().statusCode(201);
        String csv = """
                externalId,referrerExternalId,email,balance
                %2$s,%3$s,whatever@example.com,10.00
                %1$sgrandchild,%2$s,gc@example.com,
                %1$snew,%2$s,new@example.com,7.00
                %1$snew2,%1$snew,new@example.com,
                """.formatted(run, child, parent);
        JsonPath report = importCsv(csv);

        // The registered child goes under the registered parent and gets its balance, the registered grandchild
        // under the child, a new member under the child; new2 has new's email: a self-referral.
        assertEquals(List.of(3, 0, 1), List.of(report.getInt("imported"), report.getInt("skipped"),
                report.getInt("rejected")));
        assertEquals("referrerExternalId: '" + id("new") + "' is the member themself (same member or email): "
                + "a member cannot refer themself", report.getString("rejectedRows[0].reason"));
        assertEquals(parent, referrerOf(child));
        assertEquals(child, referrerOf(id("grandchild")));
        assertEquals("10.00", available(child));
        assertEquals("7.00", available(id("new")));
        shop().get("/v1/members/{id}", child).then().body("email", equalTo(child + "@example.com"));
        shop().get("/v1/members/{id}/network", parent).then().body("total", equalTo(3));

        // The parent under their own grandchild would close a cycle through the members already there.
        JsonPath cycle = importCsv("externalId,referrerExternalId,email\n" + parent + "," + id("grandchild")
                + ",p@example.com\n");
        assertEquals("referrerExternalId: '" + id("grandchild") + "' is in the member's own network: "
                + "the binding would close a cycle", cycle.getString("rejectedRows[0].reason"));
        assertNull(referrerOf(parent));

        // A member already bound keeps their referrer: another one in a later file is a rejected row.
        JsonPath moved = importCsv("externalId,referrerExternalId,email\n" + child + "," + id("new")
                + ",c@example.com\n");
        assertEquals("referrerExternalId: the member is already bound to '" + parent + "'; a binding never changes",
                moved.getString("rejectedRows[0].reason"));
        assertEquals(parent, referrerOf(child));
    }

    @Test
    void theImportIsAcceptedWithItsLocationAndAnIdempotencyKeyReplaysIt() {
        String csv = "externalId,email,balance\n" + id("solo") + ",solo@example.com,99.99\n";
        String key = UUID.randomUUID().toString();
        var first = given().header("X-Api-Key", ADMIN_KEY).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv).post("/v1/admin/imports");
        first.then().statusCode(202).header("Location", endsWith("/v1/admin/imports/" + first.path("id")))
                .body("status", equalTo("QUEUED")).body("total", equalTo(1)).body("pending", equalTo(1))
                .body("createdAt", notNullValue());
        given().header("X-Api-Key", ADMIN_KEY).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .post("/v1/admin/imports").then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location"))).body("id", equalTo(first.path("id")));
        given().header("X-Api-Key", ADMIN_KEY).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv + id("other") + ",o@example.com,1.00\n").post("/v1/admin/imports").then().statusCode(409)
                .body("type", endsWith("/idempotency-key-reused"));

        JsonPath done = awaitCompleted(first.header("Location"));
        assertEquals(1, done.getInt("imported"));
        assertEquals(List.of(), done.getList("rejectedRows"));
        assertEquals("99.99", available(id("solo")));
    }

    @Test
    void onlyAdministratorsImportAndUnknownImportsAreNotFound() {
        String csv = "externalId,email\n" + id("nope") + ",n@example.com\n";
        given().contentType("text/csv").body(csv).post("/v1/admin/imports").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Api-Key", SHOP_KEY).contentType("text/csv").body(csv).post("/v1/admin/imports")
                .then().statusCode(403).body("type", endsWith("/forbidden"));
        String member = newMember();
        member(member).contentType(ContentType.JSON).body(Map.of("rows", List.of()))
                .post("/v1/admin/imports").then().statusCode(403);
        given().get("/v1/admin/imports/1").then().statusCode(401);
        given().header("X-Api-Key", SHOP_KEY).get("/v1/admin/imports/1").then().statusCode(403);
        admin().get("/v1/admin/imports/{id}", "999999999").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/not-found"));
        admin().get("/v1/admin/imports/{id}", "not-an-id").then().statusCode(404);
        admin().get("/v1/admin/imports/{id}/rejected-rows", "999999999").then().statusCode(404);
        shop().get("/v1/members/{id}", id("nope")).then().statusCode(404);
    }

    @Test
    void aDocumentThatCannotBeReadIsRefusedAtOnce() {
        postCsv("externalId,mail\nx,x@example.com\n").then().statusCode(400)
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].message", equalTo("column 'mail' is not one of externalId, referrerExternalId, "
                        + "email, name, balance, lots"));
        postCsv("externalId,name\nx,X\n").then().statusCode(400)
                .body("errors[0].message", equalTo("column 'email' is missing"));
        postCsv("externalId,email\n\"x,x@example.com\n").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        postCsv("externalId,email\n").then().statusCode(400);
        postCsv("").then().statusCode(400);
        postJson(Map.of("rows", "nope")).then().statusCode(400).body("errors[0].field", equalTo("rows"));
        postJson(Map.of("rows", List.of(Map.of("externalId", "x", "email", "x@example.com", "referrer", "y"))))
                .then().statusCode(400).body("errors[0].field", equalTo("rows[0].referrer"));
        given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON).body("{\"rows\": [")
                .post("/v1/admin/imports").then().statusCode(400).body("type", endsWith("/malformed-request"));
        given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.XML).body("<rows/>")
                .post("/v1/admin/imports").then().statusCode(415);
    }

    @Test
    void rejectedRowsArePagedInFileOrder() {
        StringBuilder csv = new StringBuilder("externalId,email\n");
        for (int i = 1; i <= 130; i++) {
            csv.append(id("p" + i)).append(',').append(i % 2 == 0 ? "bad-email" : "ok" + i + "@example.com")
                    .append('\n');
        }
        JsonPath report = importCsv(csv.toString());
        assertEquals(65, report.getInt("rejected"));
        assertEquals(65, report.getList("rejectedRows").size());
        JsonPath page = admin().queryParam("limit", 50).get("/v1/admin/imports/{id}/rejected-rows",
                report.getString("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(50, page.getList("items").size());
        assertEquals(2, page.getInt("items[0].row"));
        JsonPath rest = admin().queryParam("cursor", page.getString("nextCursor"))
                .get("/v1/admin/imports/{id}/rejected-rows", report.getString("id")).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(15, rest.getList("items").size());
        assertEquals(102, rest.getInt("items[0].row"));
        assertNull(rest.getString("nextCursor"));
    }

    private static List<Map<String, Object>> transactions(String externalId) {
        return shop().get("/v1/members/{id}/transactions", externalId).then().statusCode(200).extract()
                .jsonPath().getList("items");
    }
}
