package app.sarafan.earning;

/** Whom a reward goes to, relative to the member whose action earned it. */
public enum Role {
    MEMBER, REFERRER, RIGHTS_HOLDER
}
