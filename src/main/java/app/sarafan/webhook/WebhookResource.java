package app.sarafan.webhook;

import java.net.URI;

import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.Page;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import app.sarafan.common.page.QueryParams;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    private final WebhookEndpoints endpoints;
    private final IdempotentRequests idempotent;
    private final io.quarkus.security.identity.SecurityIdentity caller;

    WebhookResource(WebhookEndpoints endpoints, IdempotentRequests idempotent,
            io.quarkus.security.identity.SecurityIdentity caller) {
        this.caller = caller;
        this.endpoints = endpoints;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull EndpointRegistration body) {
        return idempotent.run(idempotencyKey, body, () -> {
            EndpointView created = endpoints.register(body, caller.getPrincipal().getName());
            return Response.created(URI.create("/v1/admin/webhooks/" + created.id())).entity(created).build();
        });
    }

    @GET
    public Page<EndpointView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return endpoints.list(QueryParams.integer("limit", limit), cursor);
    }

    @GET
    @Path("{id}")
    public EndpointView get(@PathParam("id") String id) {
        return endpoints.get(id);
    }

    @POST
    @Path("{id}/enable")
    public EndpointView enable(@PathParam("id") String id) {
        return endpoints.enable(id, caller.getPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        endpoints.delete(id, caller.getPrincipal().getName());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return endpoints.deliveries(id, QueryParams.integer("limit", limit), cursor);
    }
}
