package app.sarafan.referral;

import java.time.Instant;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The member's referral cabinet: their link, network, statistics and coupons; always their own. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyReferralResource {

    private final ReferralService referrals;
    private final ReferralNetwork network;
    private final ReferralStatistics statistics;
    private final Coupons coupons;
    private final IdempotentRequests idempotent;
    private final CurrentMember me;

    MyReferralResource(ReferralService referrals, ReferralNetwork network, ReferralStatistics statistics,
            Coupons coupons, IdempotentRequests idempotent, CurrentMember me) {
        this.referrals = referrals;
        this.network = network;
        this.statistics = statistics;
        this.coupons = coupons;
        this.idempotent = idempotent;
        this.me = me;
    }

    @GET
    @Path("/referral")
    public ReferralView referral() {
        return referrals.mine(me.externalId());
    }

    @GET
    @Path("/network")
    public NetworkSummary network() {
        return network.summary(me.externalId());
    }

    @GET
    @Path("/network/levels/{level}")
    public Page<NetworkMember> level(@PathParam("level") String level, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return network.level(me.externalId(), levelNumber(level), QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/referral-stats")
    public ReferralStats stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] period = QueryParams.period(from, to);
        return statistics.of(me.externalId(), period[0], period[1]);
    }

    @GET
    @Path("/coupons")
    public Page<CouponView> coupons(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return coupons.list(me.externalId(), QueryParams.integer("limit", limit), cursor);
    }

    @POST
    @Path("/coupons")
    @Consumes(MediaType.WILDCARD)
    public Response createCoupon(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, me.externalId(), () ->
                Response.status(Response.Status.CREATED).entity(coupons.create(me.externalId())).build());
    }

    @POST
    @Path("/coupons/{code}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public CouponView deactivate(@PathParam("code") String code) {
        return coupons.deactivate(me.externalId(), code);
    }

    static int levelNumber(String level) {
        Integer number = QueryParams.integer("level", level);
        if (number == null || number < 1) {
            throw app.sarafan.common.error.ProblemException.invalid("level", "must be 1 or more");
        }
        return number;
    }
}
