package app.sarafan.rewards;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Administrators look at members' reward redemptions and cancel them. Codes are shown masked. */
@Path("/v1/admin/reward-redemptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RewardRedemptionAdminResource {

    private final RewardRedemptions redemptions;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    RewardRedemptionAdminResource(RewardRedemptions redemptions, IdempotentRequests idempotent,
            SecurityIdentity caller) {
        this.redemptions = redemptions;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    public Page<RewardRedemptionView> list(@QueryParam("externalId") String externalId,
            @QueryParam("rewardCode") String rewardCode, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return redemptions.list(externalId, rewardCode, QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public RewardRedemptionView get(@PathParam("id") String id) {
        return redemptions.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull RedemptionCancellation body) {
        return idempotent.run(idempotencyKey, body, () -> Response.ok(
                redemptions.cancel(id, body.reason().trim(), caller.getPrincipal().getName())).build());
    }
}
