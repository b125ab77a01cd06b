package app.sarafan.member;

import java.net.URI;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Shop backends register and maintain their members, addressed by the shop's own externalId. */
@Path("/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class MemberResource {

    private final MemberService members;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    MemberResource(MemberService members, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.members = members;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull MemberCreate body) {
        return idempotent.run(idempotencyKey, body, () -> {
            MemberView created = members.create(body);
            return Response.created(URI.create("/v1/members/" + created.externalId())).entity(created).build();
        });
    }

    @GET
    @Path("/{externalId}")
    @RolesAllowed({Roles.SHOP, Roles.ADMIN})
    public MemberView get(@PathParam("externalId") String externalId) {
        return members.get(externalId);
    }

    @PATCH
    @Path("/{externalId}")
    public MemberView update(@PathParam("externalId") String externalId, @Valid @NotNull MemberUpdate body) {
        return members.update(externalId, body);
    }

    @POST
    @Path("/{externalId}/block")
    public MemberView block(@PathParam("externalId") String externalId, @Valid @NotNull MemberBlock body) {
        return members.block(externalId, body, caller.getPrincipal().getName());
    }

    @POST
    @Path("/{externalId}/unblock")
    @Consumes(MediaType.WILDCARD)
    public MemberView unblock(@PathParam("externalId") String externalId) {
        return members.unblock(externalId, caller.getPrincipal().getName());
    }
}
