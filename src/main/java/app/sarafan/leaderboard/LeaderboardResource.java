package app.sarafan.leaderboard;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The leaderboard for the shop's public pages and administrators: display names only, as members see it. */
@Path("/v1/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class LeaderboardResource {

    private final Leaderboard leaderboard;

    LeaderboardResource(Leaderboard leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    public LeaderboardView leaderboard(@QueryParam("metric") String metric, @QueryParam("period") String period,
            @QueryParam("limit") String limit) {
        LeaderboardQuery query = LeaderboardQuery.parse(metric, period, limit);
        return leaderboard.top(query.metric(), query.period(), query.limit(), null);
    }
}
