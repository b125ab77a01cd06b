package app.sarafan.analytics;

import java.time.Instant;

import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Program analytics for administrators, as JSON or (Accept: text/csv, or the .csv path) as CSV. */
@Path("/v1/admin")
@RolesAllowed(Roles.ADMIN)
public class AnalyticsResource {

    private static final MediaType CSV = MediaType.valueOf(AnalyticsCsv.MEDIA_TYPE);

    private final ProgramAnalytics analytics;

    AnalyticsResource(ProgramAnalytics analytics) {
        this.analytics = analytics;
    }

    /** JSON unless the caller asks for CSV first (Accept: text/csv); a browser's or curl's wildcard gets JSON. */
    @GET
    @Path("/analytics")
    @Produces({MediaType.APPLICATION_JSON, AnalyticsCsv.MEDIA_TYPE})
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to,
            @Context HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .filter(type -> type.isCompatible(CSV) && !type.isWildcardType() && !type.isWildcardSubtype())
                .isPresent();
        if (csv) {
            return csvExport(from, to);
        }
        Instant[] period = QueryParams.period(from, to);
        return Response.ok(analytics.report(period[0], period[1]), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/analytics.csv")
    @Produces(AnalyticsCsv.MEDIA_TYPE)
    public Response csvFile(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csvExport(from, to);
    }

    private Response csvExport(String from, String to) {
        Instant[] period = QueryParams.period(from, to);
        return Response.ok(AnalyticsCsv.of(analytics.report(period[0], period[1])), CSV)
                .header("Content-Disposition", "attachment; filename=\"sarafan-analytics.csv\"").build();
    }
}
