package app.sarafan.member;

/**
 * Fired inside the transaction that created a member, so that other features set up what the member needs (an
 * account, a referral code and binding). The attribution is null when the shop sent none.
 */
public record MemberCreated(long memberId, String externalId, String email, Attribution attribution) {
}
