package app.sarafan.award;

import java.util.List;

import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The awards a member holds, for shop backends; administrators also see revoked ones. */
@Path("/v1/members/{externalId}/awards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class MemberAwardResource {

    private final MemberAwards awards;
    private final SecurityIdentity caller;

    MemberAwardResource(MemberAwards awards, SecurityIdentity caller) {
        this.awards = awards;
        this.caller = caller;
    }

    @GET
    public List<MemberAwardView> of(@PathParam("externalId") String externalId) {
        return awards.of(externalId, caller.hasRole(Roles.ADMIN));
    }
}
