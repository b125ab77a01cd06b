package app.sarafan.referral;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * How members' coupons look and how many a member may hold, as administrators set it. New coupons follow the
 * current format; coupons already handed out keep their code and text.
 */
@RegisterForReflection
public record CouponFormat(
        @NotNull @Pattern(regexp = "[A-Z0-9-]{0,12}", message = "must be up to 12 upper-case letters, digits or -") String prefix,
        @NotNull @Min(4) @Max(16) Integer length,
        @NotBlank @Size(max = 200) String discountText,
        @NotNull @Min(1) @Max(100) Integer maxActivePerMember) {
}
