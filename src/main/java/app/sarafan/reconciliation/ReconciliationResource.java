package app.sarafan.reconciliation;

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

/** Administrators read the reconciliation reports; runs start on schedule or through the jobs endpoint. */
@Path("/v1/admin/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ReconciliationResource {

    private final Reconciliations reconciliations;

    ReconciliationResource(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @GET
    public Page<ReconciliationView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return reconciliations.list(QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public ReconciliationView get(@PathParam("id") String id) {
        return reconciliations.get(id);
    }
}
