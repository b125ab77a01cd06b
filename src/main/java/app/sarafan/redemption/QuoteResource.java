package app.sarafan.redemption;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class QuoteResource {

    private final Redemptions redemptions;

    QuoteResource(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @POST
    public Quote quote(@Valid @NotNull QuoteRequest body) {
        return redemptions.quote(body);
    }
}
