package app.sarafan.withdrawal;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
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

/** The member's own withdrawal requests; the member is always the one named by the token. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyWithdrawalResource {

    private final Withdrawals withdrawals;
    private final IdempotentRequests idempotent;
    private final CurrentMember me;

    MyWithdrawalResource(Withdrawals withdrawals, IdempotentRequests idempotent, CurrentMember me) {
        this.withdrawals = withdrawals;
        this.idempotent = idempotent;
        this.me = me;
    }

    @POST
    @Path("/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull WithdrawalRequest body) {
        return idempotent.run(idempotencyKey, body, () -> {
            WithdrawalView created = withdrawals.request(me.externalId(), body);
            return Response.status(Response.Status.CREATED)
                    .location(java.net.URI.create("/v1/me/withdrawals/" + created.id())).entity(created).build();
        });
    }

    @GET
    @Path("/withdrawals")
    public Page<WithdrawalView> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return withdrawals.mine(me.externalId(), WithdrawalStatusFilter.parse(status),
                QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/withdrawals/{id}")
    public WithdrawalView get(@PathParam("id") String id) {
        return withdrawals.mine(me.externalId(), id);
    }

    @GET
    @Path("/withdrawal-terms")
    public WithdrawalTermsView terms() {
        return withdrawals.terms(me.externalId());
    }
}
