package app.sarafan.rule;

import java.net.URI;
import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.http.IfMatch;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Administrators manage rules; the ETag of a rule is its version, and updates must send it in If-Match. */
@Path("/v1/admin/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RuleResource {

    private final RuleAdministration rules;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    RuleResource(RuleAdministration rules, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.rules = rules;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    /** With an Idempotency-Key, a retried create answers the first rule instead of making a second one. */
    @POST
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull RuleDefinition body) {
        return idempotent.run(idempotencyKey, body, () -> {
            RuleView rule = rules.create(body, caller.getPrincipal().getName());
            return Response.created(URI.create("/v1/admin/rules/" + rule.id())).tag(etag(rule)).entity(rule).build();
        });
    }

    @GET
    public Page<RuleView> list(@QueryParam("profile") String profile, @QueryParam("active") String active,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return rules.list(QueryParams.enumValue("profile", profile, RuleProfile.class), activeOf(active), QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        RuleView rule = rules.get(id);
        return Response.ok(rule).tag(etag(rule)).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleDefinition body) {
        RuleView rule = rules.update(id, IfMatch.version(ifMatch), body, caller.getPrincipal().getName());
        return Response.ok(rule).tag(etag(rule)).build();
    }

    @GET
    @Path("/{id}/versions")
    public List<RuleView> versions(@PathParam("id") String id) {
        return rules.versions(id);
    }

    private static EntityTag etag(RuleView rule) {
        return new EntityTag(String.valueOf(rule.version()));
    }

    private static Boolean activeOf(String active) {
        if (active == null) {
            return null;
        }
        if (!active.equals("true") && !active.equals("false")) {
            throw ProblemException.invalid("active", "must be true or false");
        }
        return Boolean.valueOf(active);
    }
}
