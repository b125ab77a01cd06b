package app.sarafan.common.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The member a {@code /v1/me} request acts for: always the one named by its own token, never a parameter. */
@RequestScoped
public class CurrentMember {

    private final SecurityIdentity identity;

    CurrentMember(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String externalId() {
        String externalId = identity.getAttribute(MemberIdentityAugmentor.MEMBER_ID_ATTRIBUTE);
        if (externalId == null) {
            throw new ForbiddenException();
        }
        return externalId;
    }
}
