package app.sarafan.promo;

import java.net.URI;

import app.sarafan.common.http.IfMatch;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Administrators manage promo materials; the ETag of one is its version, and updates must send it in If-Match. */
@Path("/v1/admin/promo-materials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PromoMaterialResource {

    private final PromoMaterials materials;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    PromoMaterialResource(PromoMaterials materials, IdempotentRequests idempotent, SecurityIdentity caller) {
        this.materials = materials;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull PromoMaterialRequest body) {
        return idempotent.run(idempotencyKey, body, () -> {
            PromoMaterialView created = materials.create(body, caller.getPrincipal().getName());
            return Response.created(URI.create("/v1/admin/promo-materials/" + created.id())).tag(etag(created))
                    .entity(created).build();
        });
    }

    @GET
    public Page<PromoMaterialView> list(@QueryParam("locale") String locale, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return materials.list(locale, QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        PromoMaterialView material = materials.get(id);
        return Response.ok(material).tag(etag(material)).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull PromoMaterialRequest body) {
        PromoMaterialView material = materials.update(id, IfMatch.version(ifMatch), body,
                caller.getPrincipal().getName());
        return Response.ok(material).tag(etag(material)).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        materials.delete(id, caller.getPrincipal().getName());
        return Response.noContent().build();
    }

    private static EntityTag etag(PromoMaterialView material) {
        return new EntityTag(String.valueOf(material.version()));
    }
}
