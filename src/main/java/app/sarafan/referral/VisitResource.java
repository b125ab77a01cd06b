package app.sarafan.referral;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Shop backends report visits (clicks) as they see them. */
@Path("/v1/visits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class VisitResource {

    private final Visits visits;
    private final IdempotentRequests idempotent;

    VisitResource(Visits visits, IdempotentRequests idempotent) {
        this.visits = visits;
        this.idempotent = idempotent;
    }

    /** With an Idempotency-Key, a retried report is not counted as a second click. */
    @POST
    public Response record(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull VisitReport body) {
        return idempotent.run(idempotencyKey, body,
                () -> Response.status(Response.Status.CREATED).entity(visits.record(body)).build());
    }
}
