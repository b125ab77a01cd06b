package app.sarafan.leaderboard;

import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The leaderboard in the member's cabinet, with their own position, and their privacy choice. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyLeaderboardResource {

    private final Leaderboard leaderboard;
    private final LeaderboardPrivacy privacy;
    private final CurrentMember me;

    MyLeaderboardResource(Leaderboard leaderboard, LeaderboardPrivacy privacy, CurrentMember me) {
        this.leaderboard = leaderboard;
        this.privacy = privacy;
        this.me = me;
    }

    @GET
    @Path("/leaderboard")
    public LeaderboardView leaderboard(@QueryParam("metric") String metric, @QueryParam("period") String period,
            @QueryParam("limit") String limit) {
        LeaderboardQuery query = LeaderboardQuery.parse(metric, period, limit);
        return leaderboard.top(query.metric(), query.period(), query.limit(), me.externalId());
    }

    @GET
    @Path("/leaderboard-profile")
    public LeaderboardProfileView profile() {
        return privacy.get(me.externalId());
    }

    @PUT
    @Path("/leaderboard-profile")
    @Consumes(MediaType.APPLICATION_JSON)
    public LeaderboardProfileView updateProfile(@Valid @NotNull LeaderboardProfileUpdate body) {
        return privacy.update(me.externalId(), body);
    }
}
