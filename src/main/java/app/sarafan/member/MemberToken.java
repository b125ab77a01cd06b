package app.sarafan.member;

import java.time.Instant;

/** A bearer token for {@code /v1/me/...} calls of one member. */
public record MemberToken(String token, String tokenType, Instant expiresAt) {
}
