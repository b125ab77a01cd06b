package app.sarafan.statistics;

import java.time.Instant;

import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import app.sarafan.referral.StatsInterval;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A member's statistics as the shop backend or an administrator sees them: the same as in their cabinet. */
@Path("/v1/members/{externalId}/statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class MemberStatisticsResource {

    private final MemberStatistics statistics;

    MemberStatisticsResource(MemberStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    public MemberStatisticsView statistics(@PathParam("externalId") String externalId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("interval") String interval) {
        Instant[] period = QueryParams.period(from, to);
        return statistics.of(externalId, period[0], period[1],
                QueryParams.enumValue("interval", interval, StatsInterval.class));
    }
}
