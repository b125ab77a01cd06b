package app.sarafan.member;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Which member the token is for, and for how long (default and maximum are configured). */
public record MemberTokenRequest(@NotBlank @Size(max = 128) String externalId, @Min(60) @Max(86400) Integer ttlSeconds) {
}
