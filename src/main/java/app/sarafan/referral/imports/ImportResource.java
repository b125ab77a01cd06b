package app.sarafan.referral.imports;

import java.net.URI;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
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

/** Administrators import members, their referral network and balances from another system (CSV or JSON). */
@Path(ImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ImportResource {

    public static final String PATH = "/v1/admin/imports";

    /** What an Idempotency-Key stands for: the same document in the same format (a record keeps its JSON stable). */
    record Submission(ImportFormat format, String body) {
    }
    static final String CSV = "text/csv";

    private final Imports imports;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    ImportResource(Imports imports, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.imports = imports;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    @Consumes(CSV)
    public Response submitCsv(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, String body) {
        return submit(ImportFormat.CSV, idempotencyKey, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, String body) {
        return submit(ImportFormat.JSON, idempotencyKey, body);
    }

    @GET
    @Path("/{id}")
    public ImportView get(@PathParam("id") String id) {
        return imports.get(id);
    }

    @GET
    @Path("/{id}/rejected-rows")
    public Page<RejectedRow> rejectedRows(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return imports.rejectedRows(id, QueryParams.integer("limit", limit), cursor);
    }

    private Response submit(ImportFormat format, String idempotencyKey, String body) {
        return idempotent.run(idempotencyKey, new Submission(format, body == null ? "" : body), () -> {
            ImportView accepted = imports.submit(format, body, caller.getPrincipal().getName());
            return Response.accepted(accepted).location(URI.create(PATH + "/" + accepted.id())).build();
        });
    }
}
