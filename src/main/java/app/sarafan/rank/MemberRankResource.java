package app.sarafan.rank;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A member's rank and its history, for shop backends and administrators. */
@Path("/v1/members/{externalId}/rank")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class MemberRankResource {

    private final MemberStanding standing;

    MemberRankResource(MemberStanding standing) {
        this.standing = standing;
    }

    @GET
    public MemberRankView of(@PathParam("externalId") String externalId) {
        return standing.view(externalId);
    }

    @GET
    @Path("/history")
    public Page<RankChangeView> history(@PathParam("externalId") String externalId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return standing.history(externalId, QueryParams.integer("limit", limit), cursor);
    }
}
