package app.sarafan.analytics;

import java.time.Instant;

import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Program analytics for administrators, as JSON or (Accept: text/csv, or the .csv path) as CSV. */
@Path("/v1/admin")
@RolesAllowed(Roles.ADMIN)
public class AnalyticsResource {

    private final ProgramAnalytics analytics;

    AnalyticsResource(ProgramAnalytics analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("/analytics")
    @Produces(MediaType.APPLICATION_JSON)
    public ProgramAnalyticsView report(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] period = QueryParams.period(from, to);
        return analytics.report(period[0], period[1]);
    }

    @GET
    @Path("/analytics")
    @Produces(AnalyticsCsv.MEDIA_TYPE)
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csvExport(from, to);
    }

    @GET
    @Path("/analytics.csv")
    @Produces(AnalyticsCsv.MEDIA_TYPE)
    public Response csvFile(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csvExport(from, to);
    }

    private Response csvExport(String from, String to) {
        Instant[] period = QueryParams.period(from, to);
        return Response.ok(AnalyticsCsv.of(analytics.report(period[0], period[1])))
                .header("Content-Disposition", "attachment; filename=\"sarafan-analytics.csv\"").build();
    }
}
