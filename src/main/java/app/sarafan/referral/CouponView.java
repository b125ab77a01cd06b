package app.sarafan.referral;

import java.time.Instant;

/** A coupon as its owner sees it. */
public record CouponView(String code, String discountText, boolean active, Instant createdAt, Instant deactivatedAt) {

    static CouponView of(Coupon c) {
        return new CouponView(c.code, c.discountText, c.active, c.createdAt, c.deactivatedAt);
    }
}
