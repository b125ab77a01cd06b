package app.sarafan.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A visit the shop saw: who (visitorId: the shop's anonymous cookie or device id) came how — with a referral
 * code, a coupon, a landing URL that carries ?ref=CODE, or from a Referer page.
 */
public record VisitReport(
        @NotBlank @Size(max = 128) String visitorId,
        @Size(max = 64) String referralCode,
        @Size(max = 40) String couponCode,
        @Size(max = 2000) String refererUrl,
        @Size(max = 2000) String landingUrl,
        @Size(max = 500) String userAgent,
        @Size(max = 64) String ip) {
}
