package app.sarafan.statistics;

import java.time.Instant;

import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import app.sarafan.referral.StatsInterval;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The member's own statistics for their cabinet's charts. */
@Path("/v1/me/statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyStatisticsResource {

    private final MemberStatistics statistics;
    private final CurrentMember me;

    MyStatisticsResource(MemberStatistics statistics, CurrentMember me) {
        this.statistics = statistics;
        this.me = me;
    }

    @GET
    public MemberStatisticsView statistics(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval) {
        Instant[] period = QueryParams.period(from, to);
        return statistics.of(me.externalId(), period[0], period[1],
                QueryParams.enumValue("interval", interval, StatsInterval.class));
    }
}
