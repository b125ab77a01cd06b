package app.sarafan.notification;

import java.util.Map;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Administrators edit the email and SMS templates, {@code /{channel}/{kind}/{locale}}; the ETag of a template is
 * its version, and a save or a reset must send it in If-Match.
 */
@Path("/v1/admin/notification-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class NotificationTemplateResource {

    private final NotificationTemplates templates;
    private final IdempotentRequests idempotent;
    private final SecurityIdentity caller;

    NotificationTemplateResource(NotificationTemplates templates, IdempotentRequests idempotent,
            SecurityIdentity caller) {
        this.templates = templates;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    public NotificationTemplateList list(@QueryParam("channel") String channel, @QueryParam("kind") String kind,
            @QueryParam("locale") String locale) {
        return templates.list(channel, kind, locale);
    }

    @GET
    @Path("/{channel}/{kind}/{locale}")
    public Response get(@PathParam("channel") String channel, @PathParam("kind") String kind,
            @PathParam("locale") String locale) {
        NotificationTemplateView template = templates.get(TemplateKey.of(channel, kind, locale));
        return IfMatch.tagged(Response.ok(template), template.version()).build();
    }

    @PUT
    @Path("/{channel}/{kind}/{locale}")
    public Response update(@PathParam("channel") String channel, @PathParam("kind") String kind,
            @PathParam("locale") String locale, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull NotificationTemplateRequest body) {
        TemplateKey key = TemplateKey.of(channel, kind, locale);
        NotificationTemplateView template = templates.update(key, IfMatch.version(ifMatch), body,
                caller.getPrincipal().getName());
        return IfMatch.tagged(Response.ok(template), template.version()).build();
    }

    @GET
    @Path("/{channel}/{kind}/{locale}/versions")
    public Page<NotificationTemplateView> versions(@PathParam("channel") String channel,
            @PathParam("kind") String kind, @PathParam("locale") String locale, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return templates.versions(TemplateKey.of(channel, kind, locale), QueryParams.integer("limit", limit), cursor);
    }

    /** With an Idempotency-Key, a retried reset answers the first reset instead of a 412 on its own new version. */
    @POST
    @Path("/{channel}/{kind}/{locale}/reset")
    @Consumes(MediaType.WILDCARD)
    public Response reset(@PathParam("channel") String channel, @PathParam("kind") String kind,
            @PathParam("locale") String locale, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        TemplateKey key = TemplateKey.of(channel, kind, locale);
        Integer expected = IfMatch.version(ifMatch);
        return idempotent.run(idempotencyKey, Map.of("ifMatch", String.valueOf(expected)), () -> {
            NotificationTemplateView template = templates.reset(key, expected, caller.getPrincipal().getName());
            return IfMatch.tagged(Response.ok(template), template.version()).build();
        });
    }

    /** Renders the template sent, or without a body the current one, with the kind's sample data; saves nothing. */
    @POST
    @Path("/{channel}/{kind}/{locale}/preview")
    @Consumes(MediaType.WILDCARD)
    public TemplatePreview preview(@PathParam("channel") String channel, @PathParam("kind") String kind,
            @PathParam("locale") String locale, @Valid NotificationTemplateRequest body) {
        return templates.preview(TemplateKey.of(channel, kind, locale), body);
    }
}
