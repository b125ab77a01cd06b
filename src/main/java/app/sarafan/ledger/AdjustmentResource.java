package app.sarafan.ledger;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/admin/members/{externalId}/adjustments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdjustmentResource {

    private final AdjustmentService adjustments;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    AdjustmentResource(AdjustmentService adjustments, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.adjustments = adjustments;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    public Response adjust(@PathParam("externalId") String externalId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull AdjustmentRequest body) {
        return idempotent.run(idempotencyKey, body, () -> Response.status(Response.Status.CREATED)
                .entity(adjustments.adjust(externalId, body, caller.getPrincipal().getName())).build());
    }
}
