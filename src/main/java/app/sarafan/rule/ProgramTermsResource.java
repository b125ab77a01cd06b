package app.sarafan.rule;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The program terms for members' cabinets and the shop's pages. */
@Path("/v1/program-terms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.SHOP, Roles.ADMIN})
public class ProgramTermsResource {

    private final ProgramTerms terms;

    ProgramTermsResource(ProgramTerms terms) {
        this.terms = terms;
    }

    @GET
    public ProgramTerms.Terms describe(@QueryParam("locale") String locale) {
        return terms.describe(locale);
    }
}
