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

    ClockResource(ClockShift shift) {
        this.shift = shift;
    }

    @POST
    public ClockShift.Now advance(@NotNull Advance body) {
        return shift.advance(body.by());
    }
}
