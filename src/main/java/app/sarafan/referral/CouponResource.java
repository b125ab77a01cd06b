package app.sarafan.referral;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Shops resolve a coupon code typed at checkout. */
@Path("/v1/coupons/{code}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SHOP, Roles.ADMIN})
public class CouponResource {

    private final Coupons coupons;

    CouponResource(Coupons coupons) {
        this.coupons = coupons;
    }

    @GET
    public CouponResolution resolve(@PathParam("code") String code) {
        return coupons.resolve(code);
    }
}
