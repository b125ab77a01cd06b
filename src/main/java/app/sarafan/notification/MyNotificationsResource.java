package app.sarafan.notification;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.page.QueryParams;
import app.sarafan.common.security.CurrentMember;
import app.sarafan.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The member's own feed of notifications; the member is always the one named by the token. Marking read is
 * idempotent by nature, so a retry without a key is harmless; the actions still take an {@code Idempotency-Key}
 * like every POST (as Stripe's do), so a client that sends one on every POST gets the usual replay.
 */
@Path("/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyNotificationsResource {

    private final NotificationFeed feed;
    private final IdempotentRequests idempotent;
    private final CurrentMember me;

    MyNotificationsResource(NotificationFeed feed, IdempotentRequests idempotent, CurrentMember me) {
        this.feed = feed;
        this.idempotent = idempotent;
        this.me = me;
    }

    @GET
    public FeedPage list(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return feed.page(me.externalId(), unreadOnly(unread), QueryParams.integer("limit", limit), cursor);
    }

    @POST
    @Path("/{id}/read")
    public Response markRead(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @PathParam("id") String id) {
        return idempotent.run(idempotencyKey, null, () -> Response.ok(feed.markRead(me.externalId(), id)).build());
    }

    @POST
    @Path("/read-all")
    public Response markAllRead(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(idempotencyKey, null, () -> Response.ok(feed.markAllRead(me.externalId())).build());
    }

    /** {@code unread=true} lists the unread entries only; {@code false} or nothing lists all. */
    private static boolean unreadOnly(String unread) {
        if (unread == null || unread.equals("false")) {
            return false;
        }
        if (unread.equals("true")) {
            return true;
        }
        throw ProblemException.invalid("unread", "must be true or false");
    }
}
