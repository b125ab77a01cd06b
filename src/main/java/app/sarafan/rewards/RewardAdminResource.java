package app.sarafan.rewards;

import java.util.List;

import app.sarafan.common.http.IfMatch;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Administrators keep the rewards catalogue. */
@Path("/v1/admin/rewards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RewardAdminResource {

    private final RewardCatalogue catalogue;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    RewardAdminResource(RewardCatalogue catalogue, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.catalogue = catalogue;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull RewardDefinition body) {
        RewardView reward = catalogue.create(body, administrator());
        return IfMatch.tagged(Response.created(UriBuilder.fromPath("/v1/admin/rewards/{code}").build(reward.code()))
                .entity(reward), reward.version()).build();
    }

    @GET
    public List<RewardView> list() {
        return catalogue.list();
    }

    @GET
    @Path("/{code}")
    public Response get(@PathParam("code") String code) {
        RewardView reward = catalogue.get(code);
        return IfMatch.tagged(Response.ok(reward), reward.version()).build();
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("code") String code, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull RewardDefinition body) {
        RewardView reward = catalogue.update(code, IfMatch.version(ifMatch), body, administrator());
        return IfMatch.tagged(Response.ok(reward), reward.version()).build();
    }

    @POST
    @Path("/{code}/archive")
    @Consumes(MediaType.WILDCARD)
    public Response archive(@PathParam("code") String code) {
        RewardView reward = catalogue.archive(code, administrator());
        return IfMatch.tagged(Response.ok(reward), reward.version()).build();
    }

    @POST
    @Path("/{code}/codes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addCodes(@PathParam("code") String code,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @Valid @NotNull CodeBatch body) {
        return idempotent.run(idempotencyKey, body,
                () -> Response.ok(catalogue.addCodes(code, body, administrator())).build());
    }

    @POST
    @Path("/{code}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addStock(@PathParam("code") String code,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @Valid @NotNull StockAddition body) {
        return idempotent.run(idempotencyKey, body, () -> {
            RewardView reward = catalogue.addStock(code, body, administrator());
            return IfMatch.tagged(Response.ok(reward), reward.version()).build();
        });
    }

    private String administrator() {
        return caller.getPrincipal().getName();
    }
}
