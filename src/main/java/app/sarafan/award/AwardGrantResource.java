package app.sarafan.award;

import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Administrators grant an award by hand, or revoke one, always with a reason. */
@Path("/v1/admin/members/{externalId}/awards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AwardGrantResource {

    private final MemberAwards awards;
    private final SecurityIdentity caller;

    AwardGrantResource(MemberAwards awards, SecurityIdentity caller) {
        this.awards = awards;
        this.caller = caller;
    }

    @POST
    public Response grant(@PathParam("externalId") String externalId, @Valid @NotNull AwardGrant body) {
        return Response.status(Response.Status.CREATED)
                .entity(awards.grant(externalId, body, caller.getPrincipal().getName())).build();
    }

    @POST
    @Path("/{code}/revoke")
    public MemberAwardView revoke(@PathParam("externalId") String externalId, @PathParam("code") String code,
            @Valid @NotNull AwardRevocation body) {
        return awards.revoke(externalId, code, body, caller.getPrincipal().getName());
    }
}
