package app.sarafan.member;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Shop backends obtain a member token to hand to their SPA or mobile app for the member's cabinet. */
@Path("/v1/member-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class MemberTokenResource {

    private final MemberTokenService tokens;

    MemberTokenResource(MemberTokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    public Response issue(@Valid @NotNull MemberTokenRequest body) {
        return Response.status(Response.Status.CREATED).entity(tokens.issue(body)).build();
    }
}
