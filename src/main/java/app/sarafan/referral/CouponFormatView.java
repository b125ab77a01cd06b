package app.sarafan.referral;

import java.time.Instant;

/** The current coupon format, its version (the ETag) and who set it when (null while the defaults apply). */
public record CouponFormatView(CouponFormat format, int version, Instant updatedAt, String updatedBy) {
}
