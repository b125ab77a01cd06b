package app.sarafan.referral;

import app.sarafan.common.security.Roles;
import app.sarafan.common.http.IfMatch;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Administrators set the coupon format; the ETag is its version and an update must send it in If-Match. */
@Path("/v1/admin/settings/coupons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CouponFormatResource {

    private final CouponFormats formats;
    private final SecurityIdentity caller;

    CouponFormatResource(CouponFormats formats, SecurityIdentity caller) {
        this.formats = formats;
        this.caller = caller;
    }

    @GET
    public Response get() {
        CouponFormatView view = formats.current();
        return IfMatch.tagged(Response.ok(view), view.version()).build();
    }

    @PUT
    public Response update(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull CouponFormat body) {
        CouponFormatView view = formats.update(IfMatch.version(ifMatch), body, caller.getPrincipal().getName());
        return IfMatch.tagged(Response.ok(view), view.version()).build();
    }
}
