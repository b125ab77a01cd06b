package app.sarafan.member;

import java.time.LocalDate;

import app.sarafan.common.validation.LanguageTag;
import app.sarafan.common.validation.TimeZoneName;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update: a field that is absent or null keeps its value (fields cannot be cleared yet). */
public record MemberUpdate(
        @Email @Size(max = 254) String email,
        @Size(max = 200) String name,
        @Pattern(regexp = MemberCreate.PHONE, message = "must be an international phone number such as +79161234567") String phone,
        @Past LocalDate birthday,
        @LanguageTag @Size(max = 35) String locale,
        @TimeZoneName @Size(max = 64) String timeZone,
        Boolean profileCompleted,
        Boolean newsletterSubscribed,
        Boolean smsOptIn) {
}
