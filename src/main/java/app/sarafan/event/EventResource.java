package app.sarafan.event;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.idempotency.IdempotentRequests;
import app.sarafan.common.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Shop backends report what happened; the body is read raw, because the signature covers its exact bytes. */
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
    public Response receive(@HeaderParam("webhook-id") String id, @HeaderParam("webhook-timestamp") String timestamp,
            @HeaderParam("webhook-signature") String signature, @QueryParam("dryRun") String dryRun, String body)
            throws JsonProcessingException {
        EventIntake.Answer answer = intake.receive(id, timestamp, signature, body, flag(dryRun),
                caller.getPrincipal().getName());
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
