package app.sarafan.rewards;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The shop takes a reward code a customer typed at checkout: the redemption becomes USED, once. */
@Path("/v1/reward-codes/{code}/use")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class RewardCodeResource {

    private final RewardRedemptions redemptions;
    private final IdempotentRequests idempotent;

    RewardCodeResource(RewardRedemptions redemptions, IdempotentRequests idempotent) {
        this.redemptions = redemptions;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response use(@PathParam("code") String code,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, code, () -> Response.ok(redemptions.use(code)).build());
    }
}
