package app.sarafan.rank;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The member's own rank, what the next one needs, and how it changed. */
@Path("/v1/me/rank")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyRankResource {

    private final MemberStanding standing;
    private final CurrentMember me;

    MyRankResource(MemberStanding standing, CurrentMember me) {
        this.standing = standing;
        this.me = me;
    }

    @GET
    public MemberRankView mine() {
        return standing.view(me.externalId());
    }

    @GET
    @Path("/history")
    public Page<RankChangeView> history(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return standing.history(me.externalId(), QueryParams.integer("limit", limit), cursor);
    }
}
