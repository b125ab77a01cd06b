package app.sarafan.sms;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Administrators see what became of a member's SMS (support: "I never got the text"). */
@Path("/v1/admin/members/{externalId}/sms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SmsLogResource {

    private final SmsLog log;

    SmsLogResource(SmsLog log) {
        this.log = log;
    }

    @GET
    public Page<SmsView> list(@PathParam("externalId") String externalId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return log.of(externalId, QueryParams.integer("limit", limit), cursor);
    }
}
