package app.sarafan.award;

import java.util.List;

import app.sarafan.common.http.IfMatch;
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

@Path("/v1/admin/awards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AwardResource {

    private final Awards awards;
    private final SecurityIdentity caller;

    AwardResource(Awards awards, SecurityIdentity caller) {
        this.awards = awards;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull AwardDefinition body) {
        AwardView award = awards.create(body, caller.getPrincipal().getName());
        return IfMatch.tagged(Response.created(UriBuilder.fromPath("/v1/admin/awards/{code}").build(award.code()))
                .entity(award), award.version()).build();
    }

    @GET
    public List<AwardView> list() {
        return awards.list();
    }

    @GET
    @Path("/{code}")
    public Response get(@PathParam("code") String code) {
        AwardView award = awards.get(code);
        return IfMatch.tagged(Response.ok(award), award.version()).build();
    }

    @PUT
    @Path("/{code}")
    public Response update(@PathParam("code") String code, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull AwardDefinition body) {
        AwardView award = awards.update(code, IfMatch.version(ifMatch), body, caller.getPrincipal().getName());
        return IfMatch.tagged(Response.ok(award), award.version()).build();
    }
}
