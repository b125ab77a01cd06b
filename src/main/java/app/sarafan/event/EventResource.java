package app.sarafan.event;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Shop backends report what happened; the body is read raw, because the signature covers its exact bytes. The
 * method is non-blocking so that the body is read on the I/O thread as it arrives, and the event is applied on a
 * worker thread: a blocking method has the worker wait for the body while the I/O thread hands it over under a
 * shared lock, and that hand-over was a fifth of the JVM's time at full load.
 */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
public class EventResource {

    private final EventIntake intake;
    private final SecurityIdentity caller;

    EventResource(EventIntake intake, SecurityIdentity caller) {
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    @NonBlocking
    public Uni<Response> receive(@HeaderParam("webhook-id") String id,
            @HeaderParam("webhook-timestamp") String timestamp, @HeaderParam("webhook-signature") String signature,
            @QueryParam("dryRun") String dryRun, String body) {
        boolean dry = flag(dryRun);
        String actor = caller.getPrincipal().getName();
        return Uni.createFrom().<Response>emitter(answer -> {
            try {
                answer.complete(respond(intake.receive(id, timestamp, signature, body, dry, actor)));
            } catch (JsonProcessingException | RuntimeException e) {
                answer.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Response respond(EventIntake.Answer answer) {
        Response.ResponseBuilder response = Response.ok(answer.result(), MediaType.APPLICATION_JSON_TYPE);
        if (answer.replayed()) {
            response.header(IdempotentRequests.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid("dryRun", "must be true or false");
    }
}
