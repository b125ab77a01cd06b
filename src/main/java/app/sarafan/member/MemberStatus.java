package app.sarafan.member;

public enum MemberStatus {
    ACTIVE, BLOCKED
}
