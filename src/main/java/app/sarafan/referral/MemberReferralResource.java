package app.sarafan.referral;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import app.sarafan.member.Attribution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The referral side of a member for the shop backend and administrators. */
@Path("/v1/members/{externalId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class MemberReferralResource {

    private final ReferralService referrals;
    private final ReferralNetwork network;

    MemberReferralResource(ReferralService referrals, ReferralNetwork network) {
        this.referrals = referrals;
        this.network = network;
    }

    @GET
    @Path("/referral")
    public MemberReferralView referral(@PathParam("externalId") String externalId) {
        return referrals.of(externalId);
    }

    /** Binds a member who is still unbound, typically at their first order (a retry answers ALREADY_BOUND). */
    @POST
    @Path("/referral/bind")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SHOP)
    public Binding bind(@PathParam("externalId") String externalId, @Valid @NotNull Attribution body) {
        return referrals.bindLater(externalId, body);
    }

    @GET
    @Path("/network")
    public NetworkSummary network(@PathParam("externalId") String externalId) {
        return network.summary(externalId);
    }

    @GET
    @Path("/network/levels/{level}")
    public Page<NetworkMember> level(@PathParam("externalId") String externalId, @PathParam("level") String level,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return network.level(externalId, MyReferralResource.levelNumber(level), QueryParams.integer("limit", limit),
                cursor);
    }
}
