package app.sarafan.promo;

import static app.sarafan.support.ReferralActivity.codeOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Promo materials: administrators write them with placeholders; members get them filled in with their own link. */
@QuarkusTest
class PromoMaterialTest extends ApiTest {

    private static Map<String, Object> material(String title, String body, String locale) {
        Map<String, Object> material = new HashMap<>();
        material.put("title", title);
        material.put("body", body);
        material.put("locale", locale);
        return material;
    }

    private static String create(Map<String, Object> material) {
        return admin().body(material).post("/v1/admin/promo-materials").then().statusCode(201)
                .header("ETag", "\"1\"").extract().path("id");
    }

    @Test
    void anAdministratorCreatesReadsUpdatesWithIfMatchAndDeletes() {
        Map<String, Object> banner = material("Winter sale", "Use {code} at {link}", "uz");
        banner.put("imageUrl", "https://cdn.shop.example/banners/winter.png");
        banner.put("activeFrom", "2026-12-01T00:00:00Z");
        banner.put("activeTo", "2027-01-10T00:00:00Z");
        ValidatableResponse created = admin().body(banner).post("/v1/admin/promo-materials").then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("title", equalTo("Winter sale")).body("version", equalTo(1))
                .body("imageUrl", equalTo("https://cdn.shop.example/banners/winter.png"))
                .body("activeTo", equalTo("2027-01-10T00:00:00Z")).body("updatedBy", notNullValue());
        String id = created.extract().path("id");
        created.header("Location", org.hamcrest.Matchers.endsWith("/v1/admin/promo-materials/" + id));
        admin().get("/v1/admin/promo-materials/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("body", equalTo("Use {code} at {link}"));

        banner.put("title", "Winter sale: 20 % off");
        admin().body(banner).put("/v1/admin/promo-materials/{id}", id).then().statusCode(428);
        admin().header("If-Match", "\"1\"").body(banner).put("/v1/admin/promo-materials/{id}", id).then()
                .statusCode(200).header("ETag", "\"2\"").body("title", equalTo("Winter sale: 20 % off"));
        admin().header("If-Match", "\"1\"").body(banner).put("/v1/admin/promo-materials/{id}", id).then()
                .statusCode(412).body("currentVersion", equalTo(2));

        admin().get("/v1/admin/promo-materials?locale=uz&limit=100").then().statusCode(200)
                .body("items.id", hasItems(id));
        admin().delete("/v1/admin/promo-materials/{id}", id).then().statusCode(204);
        admin().get("/v1/admin/promo-materials/{id}", id).then().statusCode(404);
        admin().delete("/v1/admin/promo-materials/{id}", id).then().statusCode(404);
        admin().get("/v1/admin/promo-materials/{id}", "not-a-number").then().statusCode(404);
    }

    @Test
    void theAdminListIsPagedNewestFirst() {
        String locale = "uz-Latn";
        String first = create(material("One", "1", locale));
        String second = create(material("Two", "2", locale));
        String third = create(material("Three", "3", locale));
        String cursor = admin().get("/v1/admin/promo-materials?locale={l}&limit=2", locale).then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second))).extract().path("nextCursor");
        admin().get("/v1/admin/promo-materials?locale={l}&limit=2&cursor={c}", locale, cursor).then()
                .body("items.id", equalTo(List.of(first))).body("nextCursor", nullValue());
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyMakesOneMaterial() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> text = material("Tell a friend", "Join me: {link}", "uz");
        String id = admin().header("Idempotency-Key", key).body(text).post("/v1/admin/promo-materials").then()
                .statusCode(201).extract().path("id");
        admin().header("Idempotency-Key", key).body(text).post("/v1/admin/promo-materials").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void badMaterialsAreRefusedNamingTheField() {
        refused(material("Hi", "Get {discount} with {code}", "uz"), "body");
        refused(material("Hi {firstName}", "ok", "uz"), "title");
        refused(material(null, "ok", "uz"), "title");
        refused(material("Hi", " ", "uz"), "body");
        refused(material("Hi", "ok", "not a locale"), "locale");
        Map<String, Object> image = material("Hi", "ok", "uz");
        image.put("imageUrl", "javascript:alert(1)");
        refused(image, "imageUrl");
        Map<String, Object> period = material("Hi", "ok", "uz");
        period.put("activeFrom", "2027-01-10T00:00:00Z");
        period.put("activeTo", "2026-12-01T00:00:00Z");
        refused(period, "activeTo");
        admin().get("/v1/admin/promo-materials?limit=1000").then().statusCode(400)
                .body("errors.field", equalTo(List.of("limit")));
    }

    private static void refused(Map<String, Object> material, String field) {
        admin().body(material).post("/v1/admin/promo-materials").then().statusCode(400)
                .body("errors.field", equalTo(List.of(field)));
    }

    @Test
    void aMemberGetsActiveMaterialsOfTheirLanguageWithTheirOwnLinkAndCode() {
        String externalId = "cust-" + UUID.randomUUID();
        shop().body(Map.of("externalId", externalId, "email", externalId + "@example.com", "name", "Aigerim Nur",
                "locale", "kk")).post("/v1/members").then().statusCode(201);
        String code = codeOf(externalId);
        String link = "https://shop.example/?ref=" + code;
        Instant now = clock.now();
        String kk = create(material("{name} invites you", "Hi! I shop here: {link} (code {code}). {unknown", "kk"));
        String kkRegional = create(material("Sale", "{code}", "kk-KZ"));
        Map<String, Object> over = material("Over", "{code}", "kk");
        over.put("activeTo", now.minus(Duration.ofDays(1)).toString());
        create(over);
        Map<String, Object> future = material("Future", "{code}", "kk");
        future.put("activeFrom", now.plus(Duration.ofDays(3)).toString());
        create(future);
        String english = create(material("Join", "{link}", "en-x-promo"));

        member(externalId).get("/v1/me/promo-materials").then().statusCode(200)
                .body("items.id", equalTo(List.of(kkRegional, kk)))
                .body("items[1].title", equalTo("Aigerim Nur invites you"))
                .body("items[1].text", equalTo("Hi! I shop here: " + link + " (code " + code + "). {unknown"))
                .body("items[1].link", equalTo(link))
                .body("items[1].code", equalTo(code))
                .body("items[0].text", equalTo(code));
        member(externalId).get("/v1/me/promo-materials?limit=1").then().statusCode(200)
                .body("items.id", equalTo(List.of(kkRegional))).body("nextCursor", notNullValue());
        member(externalId).get("/v1/me/promo-materials?locale=en-x-promo").then().statusCode(200)
                .body("items.id", equalTo(List.of(english)));
        clock.advance(Duration.ofDays(4));
        member(externalId).get("/v1/me/promo-materials").then().statusCode(200)
                .body("items.title", hasItems("Future", "Sale"));
    }

    @Test
    void onlyAdministratorsManageAndOnlyMembersReadTheirOwn() {
        String member = newMember();
        given().get("/v1/admin/promo-materials").then().statusCode(401);
        shop().get("/v1/admin/promo-materials").then().statusCode(403);
        member(member).get("/v1/admin/promo-materials").then().statusCode(403);
        shop().body(material("Hi", "ok", "uz")).post("/v1/admin/promo-materials").then().statusCode(403);
        given().get("/v1/me/promo-materials").then().statusCode(401);
        shop().get("/v1/me/promo-materials").then().statusCode(403);
        admin().get("/v1/me/promo-materials").then().statusCode(403);
        member(member).get("/v1/me/promo-materials?locale=%%%").then().statusCode(400)
                .body("errors.field", equalTo(List.of("locale")));
    }
}
