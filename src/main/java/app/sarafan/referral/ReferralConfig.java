package app.sarafan.referral;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.referral")
public interface ReferralConfig {

    /** The member's referral link; {code} is replaced by their code. */
    @WithDefault("https://shop.example/?ref={code}")
    String linkTemplate();

    /** The query parameter of a landing URL that carries a referral code. */
    @WithDefault("ref")
    String linkParameter();

    /** How long after a visit a registration is still attributed to it. */
    @WithDefault("30")
    int attributionWindowDays();

    /** Which visit of a visitor wins within the window when there were several: FIRST_TOUCH or LAST_TOUCH. */
    @WithDefault("LAST_TOUCH")
    TouchModel touchModel();

    /** Registrations from one visitor id beyond which further bindings from it are flagged for review. */
    @WithDefault("3")
    int registrationsPerVisitorBeforeReview();

    Coupons coupons();

    interface Coupons {
        @WithDefault("SAR-")
        String prefix();

        /** Random characters after the prefix. */
        @WithDefault("6")
        int length();

        @WithDefault("10% off your first order")
        String discountText();

        @WithDefault("5")
        int maxActivePerMember();
    }

    enum TouchModel {
        FIRST_TOUCH, LAST_TOUCH
    }
}
