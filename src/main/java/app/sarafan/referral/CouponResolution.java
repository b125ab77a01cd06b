package app.sarafan.referral;

/** What a shop learns of a coupon code at checkout: is it valid, whose is it, what discount to give. */
public record CouponResolution(String code, boolean valid, String ownerExternalId, String discountText) {
}
