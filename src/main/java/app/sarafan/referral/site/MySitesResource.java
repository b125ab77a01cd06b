package app.sarafan.referral.site;

import java.net.URI;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A member's own referral sites: declare one, prove it is theirs, remove it. */
@Path("/v1/me/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MySitesResource {

    private final ReferralSiteService sites;
    private final CurrentMember me;
    private final IdempotentRequests idempotent;

    MySitesResource(ReferralSiteService sites, CurrentMember me, IdempotentRequests idempotent) {
        this.sites = sites;
        this.me = me;
        this.idempotent = idempotent;
    }

    @GET
    public SiteList<MySiteView> list() {
        return sites.mine(me.externalId());
    }

    @POST
    public Response declare(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull SiteDeclaration body) {
        String externalId = me.externalId();
        return idempotent.run(idempotencyKey, body, () -> {
            MySiteView declared = sites.declare(externalId, body);
            return Response.created(URI.create("/v1/me/sites/" + declared.id())).entity(declared).build();
        });
    }

    @GET
    @Path("/{siteId}")
    public MySiteView get(@PathParam("siteId") String siteId) {
        return sites.mine(me.externalId(), siteId);
    }

    @POST
    @Path("/{siteId}/verify")
    @Consumes(MediaType.WILDCARD)
    public MySiteView verify(@PathParam("siteId") String siteId) {
        return sites.verify(me.externalId(), siteId);
    }

    @DELETE
    @Path("/{siteId}")
    @Consumes(MediaType.WILDCARD)
    public void remove(@PathParam("siteId") String siteId) {
        sites.remove(me.externalId(), siteId);
    }
}
