package app.sarafan.support;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Provenance;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.member.MemberService;
import app.sarafan.referral.ReferralTree;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Scripted referral activity for statistics, leaderboard and analytics tests: registrations bound by a code,
 * clicks, first payments and referral rewards with their provenance (as the earning engine will write them),
 * at moments the test chooses on the business clock.
 */
public final class ReferralActivity {

    private ReferralActivity() {
    }

    /** Puts business time at {@code moment} (it then runs on from there). */
    public static void at(AppClock clock, Instant moment) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), moment));
    }

    public static String codeOf(String externalId) {
        return ApiTest.shop().get("/v1/members/{id}/referral", externalId).then().statusCode(200).extract()
                .path("code");
    }

    /** A new member, named and in a time zone (null: defaults), bound to {@code referrer} (null: unbound). */
    public static String register(String name, String timeZone, String referrer) {
        String externalId = "cust-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", externalId);
        body.put("email", externalId + "@example.com");
        if (name != null) {
            body.put("name", name);
        }
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        if (referrer != null) {
            body.put("attribution", Map.of("referralCode", codeOf(referrer)));
        }
        ApiTest.shop().body(body).post("/v1/members").then().statusCode(201);
        return externalId;
    }

    public static String referredBy(String referrer) {
        return register(null, null, referrer);
    }

    /** A visit through the referrer's link. */
    public static void click(String referrer) {
        given().header("X-Api-Key", ApiTest.SHOP_KEY).contentType(ContentType.JSON)
                .body(Map.of("visitorId", "v-" + UUID.randomUUID(), "referralCode", codeOf(referrer)))
                .post("/v1/visits").then().statusCode(201);
    }

    public static void firstPayment(String externalId, Instant paidAt) {
        CDI.current().select(ReferralTree.class).get().markFirstPayment(id(externalId), paidAt);
    }

    /** A referral reward for {@code earner} from {@code referral}'s order, at {@code level} of the earner's network. */
    public static long reward(String earner, String referral, int level, String amount) {
        Ledger ledger = CDI.current().select(Ledger.class).get();
        return Long.parseLong(ledger.credit(id(earner), new Ledger.Credit(TransactionKind.ACCRUAL,
                new BigDecimal(amount), new Source(SourceType.ORDER, "order-" + UUID.randomUUID(), "test"),
                "Referral reward", null, null, new Provenance(null, id(referral), level))).id());
    }

    /** Takes (part of) a reward back, as a cancelled order does. */
    public static void takeBack(String earner, long rewardTransactionId, String amount) {
        CDI.current().select(Ledger.class).get().reverse(id(earner), new Ledger.Reversal(rewardTransactionId,
                new BigDecimal(amount), new Source(SourceType.ORDER, "cancel-" + UUID.randomUUID(), "test"),
                "Order cancelled"));
    }

    public static long id(String externalId) {
        return CDI.current().select(MemberService.class).get().ref(externalId).id();
    }
}
