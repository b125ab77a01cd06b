package app.sarafan.referral;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/admin/referral-reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ReferralReviewResource {

    private final ReferralReviews reviews;
    private final SecurityIdentity caller;

    ReferralReviewResource(ReferralReviews reviews, SecurityIdentity caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @GET
    public Page<ReviewItem> flagged(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return reviews.flagged(QueryParams.integer("limit", limit), cursor);
    }

    @POST
    @Path("/{externalId}/approve")
    @Consumes(MediaType.WILDCARD)
    public MemberReferralView approve(@PathParam("externalId") String externalId) {
        return reviews.approve(externalId, caller.getPrincipal().getName());
    }

    @POST
    @Path("/{externalId}/reject")
    @Consumes(MediaType.WILDCARD)
    public MemberReferralView reject(@PathParam("externalId") String externalId) {
        return reviews.reject(externalId, caller.getPrincipal().getName());
    }
}
