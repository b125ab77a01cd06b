package app.sarafan.earning;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Administrators read how much of a rule's campaign budget its current period has used. */
@Path("/v1/admin/rules/{id}/budget")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CampaignBudgetResource {

    private final CampaignBudgetReport report;

    CampaignBudgetResource(CampaignBudgetReport report) {
        this.report = report;
    }

    @GET
    public CampaignBudgetView get(@PathParam("id") String id) {
        return report.current(id);
    }
}
