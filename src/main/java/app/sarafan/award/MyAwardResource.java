package app.sarafan.award;

import java.util.List;

import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The member's own awards, newest first. */
@Path("/v1/me/awards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyAwardResource {

    private final MemberAwards awards;
    private final CurrentMember me;

    MyAwardResource(MemberAwards awards, CurrentMember me) {
        this.awards = awards;
        this.me = me;
    }

    @GET
    public List<MemberAwardView> mine() {
        return awards.of(me.externalId(), false);
    }
}
