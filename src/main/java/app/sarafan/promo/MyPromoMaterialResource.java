package app.sarafan.promo;

import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The promo materials a member can share, with their own link and code filled in. */
@Path("/v1/me/promo-materials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyPromoMaterialResource {

    private final MyPromoMaterials materials;
    private final CurrentMember me;

    MyPromoMaterialResource(MyPromoMaterials materials, CurrentMember me) {
        this.materials = materials;
        this.me = me;
    }

    @GET
    public Page<MyPromoMaterialView> list(@QueryParam("locale") String locale, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return materials.list(me.externalId(), locale, QueryParams.integer("limit", limit), cursor);
    }
}
