package app.sarafan.job;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Staging only: administrators move business time forward. */
@Path("/v1/admin/clock/advance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClockResource {

    public record Advance(String by) {
    }

    private final ClockShift shift;
    private final app.sarafan.audit.AuditLog audit;
    private final io.quarkus.security.identity.SecurityIdentity caller;

    ClockResource(ClockShift shift, app.sarafan.audit.AuditLog audit,
            io.quarkus.security.identity.SecurityIdentity caller) {
        this.shift = shift;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    public ClockShift.Now advance(@NotNull Advance body) {
        ClockShift.Now now = shift.advance(body.by());
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> audit.record(
                caller.getPrincipal().getName(), app.sarafan.audit.AuditAction.SETTINGS_UPDATED,
                app.sarafan.audit.AuditEntityType.SETTINGS, "clock", body, now));
        return now;
    }
}
