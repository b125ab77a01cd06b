package app.sarafan.withdrawal;

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

/** Administrators decide on withdrawal requests. */
@Path("/v1/admin/withdrawals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WithdrawalAdminResource {

    private final Withdrawals withdrawals;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    WithdrawalAdminResource(Withdrawals withdrawals, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.withdrawals = withdrawals;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    public Page<WithdrawalView> list(@QueryParam("status") String status, @QueryParam("externalId") String externalId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return withdrawals.list(WithdrawalStatusFilter.parse(status), externalId, QueryParams.integer("limit", limit),
                cursor);
    }

    @GET
    @Path("/{id}")
    public WithdrawalView get(@PathParam("id") String id) {
        return withdrawals.get(id);
    }

    /** The full payout details; never cached anywhere on the way (Cache-Control: no-store), each read audited. */
    @GET
    @Path("/{id}/payout-details")
    public Response payoutDetails(@PathParam("id") String id) {
        return Response.ok(withdrawals.payoutDetails(id, caller.getPrincipal().getName()))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    public Response approve(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, id,
                () -> Response.ok(withdrawals.approve(id, caller.getPrincipal().getName())).build());
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull WithdrawalRejection body) {
        return idempotent.run(idempotencyKey, body,
                () -> Response.ok(withdrawals.reject(id, body.reason(), caller.getPrincipal().getName())).build());
    }

    @POST
    @Path("/{id}/mark-paid")
    @Consumes(MediaType.WILDCARD)
    public Response markPaid(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, id,
                () -> Response.ok(withdrawals.markPaid(id, caller.getPrincipal().getName())).build());
    }
}
