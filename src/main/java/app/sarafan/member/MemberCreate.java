package app.sarafan.member;

import java.time.Instant;
import java.time.LocalDate;

import app.sarafan.common.validation.LanguageTag;
import app.sarafan.common.validation.TimeZoneName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new member as the shop backend registers them. Omitted locale and time zone default to en and UTC. With an
 * attribution, the member is bound to their referrer in the same transaction (see the referral package).
 * {@code smsOptIn: true} records the member's consent to SMS (it needs the phone), see {@link SmsConsent}.
 */
public record MemberCreate(
        @NotBlank @Size(max = 128) @Pattern(regexp = MemberCreate.EXTERNAL_ID, message = "may contain only letters, digits and . _ : @ -")
        String externalId,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 200) String name,
        @Pattern(regexp = MemberCreate.PHONE, message = "must be an international phone number such as +79161234567") String phone,
        @Past LocalDate birthday,
        @LanguageTag @Size(max = 35) String locale,
        @TimeZoneName @Size(max = 64) String timeZone,
        Boolean profileCompleted,
        Boolean newsletterSubscribed,
        Boolean smsOptIn,
        Instant registeredAt,
        @Valid Attribution attribution) {

    static final String EXTERNAL_ID = "[A-Za-z0-9._:@-]+";
    static final String PHONE = "\\+?[0-9]{6,15}";
}
