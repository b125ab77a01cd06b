package app.sarafan.member;

/** Fired inside the transaction that created a member, so that other features set up what the member needs. */
public record MemberCreated(long memberId, String externalId) {
}
