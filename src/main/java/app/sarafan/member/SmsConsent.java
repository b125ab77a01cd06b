package app.sarafan.member;

import java.time.Instant;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;

/**
 * A member's consent to SMS, recorded the way SMS consent is (TCPA, GDPR): given explicitly, for a number, and
 * dated. It is given by {@code smsOptIn: true} from the shop (member create or update) or by the member in the
 * cabinet, and needs a phone on record; it is withdrawn by {@code false} or by a new phone number (consent was
 * given for the old one) unless the same request states it again. Its date is when Sarafan recorded it.
 */
public record SmsConsent(boolean smsOptIn, Instant smsOptInAt) {

    static SmsConsent of(Member member) {
        return new SmsConsent(member.smsOptIn, member.smsOptInAt);
    }

    /**
     * Applies what a shop request says: {@code optIn} (null: unchanged) after {@code phoneChanged}. A consent
     * without a phone is a 400 naming {@code smsOptIn}.
     */
    static void byShop(Member member, Boolean optIn, boolean phoneChanged, Instant now) {
        if (Boolean.TRUE.equals(optIn) && member.phone == null) {
            throw ProblemException.invalid("smsOptIn", "needs a phone: consent to SMS is given for a number");
        }
        if (phoneChanged) {
            set(member, false, now); // a consent stated in the same request is one for the new number, dated now
        }
        if (optIn != null) {
            set(member, optIn, now);
        }
    }

    /** The member's own choice in the cabinet; opting in without a phone on record is a 409. */
    static void byMember(Member member, boolean optIn, Instant now) {
        if (optIn && member.phone == null) {
            throw new ProblemException(ProblemType.WRONG_STATE,
                    "No phone is on record: the shop adds it before SMS can be turned on");
        }
        set(member, optIn, now);
    }

    private static void set(Member member, boolean optIn, Instant now) {
        if (optIn == member.smsOptIn) {
            return; // a repeated consent keeps its first date
        }
        member.smsOptIn = optIn;
        member.smsOptInAt = optIn ? now : null;
    }
}
