package app.sarafan.referral;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CouponFormatTest extends ApiTest {

    private static final Map<String, Object> DEFAULTS = Map.of("prefix", "SAR-", "length", 6,
            "discountText", "10% off your first order", "maxActivePerMember", 5);

    @AfterEach
    void restoreTheDefaultFormat() {
        String version = admin().get("/v1/admin/settings/coupons").then().extract().header("ETag");
        admin().header("If-Match", version).body(DEFAULTS).put("/v1/admin/settings/coupons").then().statusCode(200);
    }

    @Test
    void anAdministratorSetsTheCouponFormatAndNewCouponsFollowIt() {
        String version = admin().get("/v1/admin/settings/coupons").then().statusCode(200)
                .body("format.prefix", equalTo("SAR-")).extract().header("ETag");
        admin().header("If-Match", version)
                .body(Map.of("prefix", "RUN-", "length", 8, "discountText", "500 ₽ off", "maxActivePerMember", 1))
                .put("/v1/admin/settings/coupons").then().statusCode(200)
                .body("format.prefix", equalTo("RUN-"));
        admin().header("If-Match", version).body(DEFAULTS).put("/v1/admin/settings/coupons").then()
                .statusCode(412).body("type", endsWith("/precondition-failed"));

        String anna = newMember();
        String code = member(anna).post("/v1/me/coupons").then().statusCode(201)
                .body("discountText", equalTo("500 ₽ off")).extract().path("code");
        org.junit.jupiter.api.Assertions.assertTrue(code.matches("RUN-[2-9A-HJKMNP-Z]{8}"), code);
        member(anna).post("/v1/me/coupons").then().statusCode(409).body("maxActive", equalTo(1));
    }

    @Test
    void anInvalidFormatIsRefusedFieldByFieldAndOnlyAdministratorsSetIt() {
        String version = admin().get("/v1/admin/settings/coupons").then().extract().header("ETag");
        admin().header("If-Match", version)
                .body(Map.of("prefix", "sar ", "length", 2, "discountText", "", "maxActivePerMember", 0))
                .put("/v1/admin/settings/coupons").then().statusCode(400)
                .body("errors.field", hasItems("prefix", "length", "discountText", "maxActivePerMember"));
        admin().body(DEFAULTS).put("/v1/admin/settings/coupons").then().statusCode(428);
        shop().header("If-Match", version).body(DEFAULTS).put("/v1/admin/settings/coupons").then().statusCode(403);
    }
}
