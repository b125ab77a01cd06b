package app.sarafan.rank;

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

@Path("/v1/admin/ranks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RankResource {

    private final Ranks ranks;
    private final RankRecalculation recalculation;
    private final SecurityIdentity caller;

    RankResource(Ranks ranks, RankRecalculation recalculation, SecurityIdentity caller) {
        this.ranks = ranks;
        this.recalculation = recalculation;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull RankDefinition body) {
        RankView rank = ranks.create(body, caller.getPrincipal().getName());
        return IfMatch.tagged(Response.created(UriBuilder.fromPath("/v1/admin/ranks/{code}").build(rank.code()))
                .entity(rank), rank.version()).build();
    }

    @GET
    public List<RankView> list() {
        return ranks.list();
    }

    @GET
    @Path("/{code}")
    public Response get(@PathParam("code") String code) {
        RankView rank = ranks.get(code);
        return IfMatch.tagged(Response.ok(rank), rank.version()).build();
    }

    @PUT
    @Path("/{code}")
    public Response update(@PathParam("code") String code, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull RankDefinition body) {
        RankView rank = ranks.update(code, IfMatch.version(ifMatch), body, caller.getPrincipal().getName());
        return IfMatch.tagged(Response.ok(rank), rank.version()).build();
    }

    /** Recalculates every member's rank now (what the nightly job does), answering the counts. */
    @POST
    @Path("/recalculations")
    public RankRecalculation.Run recalculate() {
        return recalculation.runManually(caller.getPrincipal().getName());
    }
}
