package app.sarafan.member;

import jakarta.validation.constraints.Size;

/**
 * What the shop knows of how a new member came: a referral code or coupon they used, the visitor id under which
 * their visits were reported, and the IP address and device they registered from (used only to flag suspicious
 * bindings). All optional.
 */
public record Attribution(
        @Size(max = 64) String referralCode,
        @Size(max = 40) String couponCode,
        @Size(max = 128) String visitorId,
        @Size(max = 64) String ip,
        @Size(max = 128) String deviceId) {
}
