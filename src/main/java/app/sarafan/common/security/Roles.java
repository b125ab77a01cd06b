package app.sarafan.common.security;

/** The three audiences of the API. */
public final class Roles {
    /** A shop backend, by API key. */
    public static final String SHOP = "shop";
    /** A program administrator, by API key. */
    public static final String ADMIN = "admin";
    /** One member, by a JWT; sees only their own data. */
    public static final String MEMBER = "member";

    private Roles() {
    }
}
