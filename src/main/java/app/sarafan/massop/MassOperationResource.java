package app.sarafan.massop;

import java.net.URI;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.json.StrictBodies;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Administrators credit or debit many members at once; the work runs in the background. */
@Path(MassOperationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MassOperationResource {

    public static final String PATH = "/v1/admin/mass-operations";
    static final String CSV = "text/csv";

    private final MassOperations operations;
    private final MassOperationReport reports;
    private final SecurityIdentity caller;
    private final StrictBodies bodies;

    MassOperationResource(MassOperations operations, MassOperationReport reports, SecurityIdentity caller,
            StrictBodies bodies) {
        this.bodies = bodies;
        this.operations = operations;
        this.reports = reports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, String body)
            throws JsonProcessingException {
        MassOperations.Submitted submitted = operations.submit(bodies.read(body, MassOperationRequest.class),
                idempotencyKey, caller.getPrincipal().getName());
        Response.ResponseBuilder accepted = Response.accepted(submitted.operation())
                .location(URI.create(PATH + "/" + submitted.operation().id()));
        if (submitted.replayed()) {
            accepted.header(IdempotentRequests.REPLAYED_HEADER, "true");
        }
        return accepted.build();
    }

    @GET
    public Page<MassOperationView> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return operations.list(status, QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public MassOperationView get(@PathParam("id") String id) {
        return operations.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    public MassOperationView cancel(@PathParam("id") String id) {
        return operations.cancel(id, caller.getPrincipal().getName());
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response report(@PathParam("id") String id, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        boolean csv = format != null ? ReportFormat.of(format) == ReportFormat.CSV
                : accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        String filename = "mass-operation-" + id + "-report." + (csv ? "csv" : "json");
        return Response.ok(csv ? reports.csv(id) : reports.json(id), csv ? CSV + "; charset=UTF-8"
                        : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
