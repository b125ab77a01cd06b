package app.sarafan.audit;

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

/** Administrators read the audit log; there is deliberately no way to change or delete an entry. */
@Path("/v1/admin/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditLogResource {

    private final AuditLog log;

    AuditLogResource(AuditLog log) {
        this.log = log;
    }

    @GET
    public Page<AuditEntryView> list(@QueryParam("actor") String actor, @QueryParam("entityType") String entityType,
            @QueryParam("entityId") String entityId, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var period = QueryParams.period(from, to);
        AuditFilter filter = new AuditFilter(blankToNull(actor),
                QueryParams.enumValue("entityType", entityType, AuditEntityType.class), blankToNull(entityId),
                QueryParams.enumValue("action", action, AuditAction.class), period[0], period[1]);
        return log.list(filter, QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public AuditEntryView get(@PathParam("id") String id) {
        return log.get(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
