package app.sarafan.job;

import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Administrators run a job now; the run is synchronous and answers what it did. */
@Path("/v1/admin/jobs/{name}/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class JobResource {

    private final Jobs jobs;
    private final app.sarafan.audit.AuditLog audit;
    private final io.quarkus.security.identity.SecurityIdentity caller;

    JobResource(Jobs jobs, app.sarafan.audit.AuditLog audit, io.quarkus.security.identity.SecurityIdentity caller) {
        this.jobs = jobs;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    public JobRun run(@PathParam("name") String name) {
        JobRun run = jobs.run(JobName.of(name));
        // A run spans many transactions: its entry is written once it finished, with what it did.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> audit.record(
                caller.getPrincipal().getName(), app.sarafan.audit.AuditAction.JOB_RUN,
                app.sarafan.audit.AuditEntityType.JOB, name, null, run));
        return run;
    }
}
