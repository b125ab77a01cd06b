package app.sarafan.rewards;

import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
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

/** The member's side of the catalogue: what they can redeem, redeeming, their redemptions with their codes. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyRewardResource {

    private final RewardRedemptions redemptions;
    private final IdempotentRequests idempotent;
    private final CurrentMember me;

    MyRewardResource(RewardRedemptions redemptions, IdempotentRequests idempotent, CurrentMember me) {
        this.redemptions = redemptions;
        this.idempotent = idempotent;
        this.me = me;
    }

    @GET
    @Path("/rewards")
    public List<RewardOffer> offers() {
        return redemptions.offers(me.externalId());
    }

    /** A redemption spends bonuses: without an Idempotency-Key a retried request could spend them twice. */
    @POST
    @Path("/rewards/{code}/redeem")
    @Consumes(MediaType.WILDCARD)
    public Response redeem(@PathParam("code") String code,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        if (idempotencyKey == null) {
            throw ProblemException.invalid(IdempotentRequests.HEADER,
                    "is required: a retry with the same key must not redeem twice");
        }
        return idempotent.run(idempotencyKey, code, () -> {
            RewardRedemptionView created = redemptions.redeem(me.externalId(), code);
            return Response.status(Response.Status.CREATED)
                    .location(java.net.URI.create("/v1/me/reward-redemptions/" + created.id())).entity(created)
                    .build();
        });
    }

    @GET
    @Path("/reward-redemptions")
    public Page<RewardRedemptionView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return redemptions.mine(me.externalId(), QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/reward-redemptions/{id}")
    public RewardRedemptionView get(@PathParam("id") String id) {
        return redemptions.mine(me.externalId(), id);
    }
}
