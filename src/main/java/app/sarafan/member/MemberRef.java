package app.sarafan.member;

/** What other features need to know of a member: whom to address internally, and whether they may act. */
public record MemberRef(long id, String externalId, MemberStatus status) {

    public boolean blocked() {
        return status == MemberStatus.BLOCKED;
    }
}
