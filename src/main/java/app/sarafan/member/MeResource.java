package app.sarafan.member;

import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A member's own profile, for the shop's SPA and mobile apps. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MeResource {

    private final MemberService members;
    private final CurrentMember me;

    MeResource(MemberService members, CurrentMember me) {
        this.members = members;
        this.me = me;
    }

    @GET
    public MemberView profile() {
        return members.get(me.externalId());
    }
}
