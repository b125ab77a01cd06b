package app.sarafan.member;

import jakarta.validation.constraints.NotNull;

/** The member turns SMS on or off in the cabinet. */
public record SmsConsentChange(@NotNull Boolean smsOptIn) {
}
