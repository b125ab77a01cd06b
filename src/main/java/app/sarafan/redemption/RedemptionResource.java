package app.sarafan.redemption;

import app.sarafan.common.idempotency.IdempotentRequests;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class RedemptionResource {

    private final Redemptions redemptions;
    private final IdempotentRequests idempotent;

    RedemptionResource(Redemptions redemptions, IdempotentRequests idempotent) {
        this.redemptions = redemptions;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response apply(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull RedemptionRequest body) {
        return idempotent.run(idempotencyKey, body, () -> {
            Redemptions.Applied applied = redemptions.apply(body);
            return Response.status(applied.created() ? Response.Status.CREATED : Response.Status.OK)
                    .location(java.net.URI.create("/v1/redemptions/" + applied.redemption().id()))
                    .entity(applied.redemption()).build();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SHOP, Roles.ADMIN})
    public RedemptionView get(@PathParam("id") String id) {
        return redemptions.get(id);
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    public Response confirm(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid ConfirmRequest body) {
        ConfirmRequest request = body == null ? new ConfirmRequest(null) : body;
        return idempotent.run(idempotencyKey, request,
                () -> Response.ok(redemptions.confirm(id, request.amount())).build());
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Response cancel(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, id, () -> Response.ok(redemptions.cancel(id)).build());
    }
}
