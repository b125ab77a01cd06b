package app.sarafan.referral.site;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A member's referral sites and their state, for the shop backend and administrators. */
@Path("/v1/members/{externalId}/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class MemberSitesResource {

    private final ReferralSiteService sites;

    MemberSitesResource(ReferralSiteService sites) {
        this.sites = sites;
    }

    @GET
    public SiteList<SiteView> list(@PathParam("externalId") String externalId) {
        return sites.of(externalId);
    }
}
