package app.sarafan.common.idempotency;

import java.sql.Timestamp;
import java.util.List;
import java.util.function.Supplier;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.json.StoredJson;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code Idempotency-Key} for POSTs that move bonuses or create things (IETF draft "The Idempotency-Key HTTP
 * Header Field"). The key is claimed by inserting its row in the same database transaction as the operation:
 * a concurrent retry waits on that row and then replays the committed answer; an operation that fails rolls the
 * claim back with everything else, so a retry runs it afresh. A key is scoped to the caller that sent it.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final SecurityIdentity caller;
    private final HttpServerRequest http;

    IdempotentRequests(EntityManager em, StoredJson json, AppClock clock, SecurityIdentity caller,
            HttpServerRequest http) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.caller = caller;
        this.http = http;
    }

    /**
     * Runs {@code operation} once per key: without a key it simply runs; with a key seen before for the same
     * request it answers the first response again; with a key seen for another request it refuses.
     */
    @Transactional
    public Response run(String key, Object request, Supplier<Response> operation) {
        if (key == null) {
            return operation.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalid(HEADER, "must be 1 to 255 characters");
        }
        String scope = caller.getPrincipal().getName() + " " + http.method() + " " + http.path();
        String hash = hash(scope, request);
        int claimed = em.createNativeQuery("""
                        INSERT INTO idempotency_record (scope, idem_key, request_hash, status, response_body, created_at)
                        VALUES (?1, ?2, ?3, 0, '', ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, Timestamp.from(clock.now()))
                .executeUpdate();
        if (claimed == 0) {
            return replay(scope, key, hash);
        }
        Response response = operation.get();
        em.createNativeQuery("""
                        UPDATE idempotency_record SET status = ?1, location = ?2, response_body = ?3
                        WHERE scope = ?4 AND idem_key = ?5""")
                .setParameter(1, response.getStatus())
                .setParameter(2, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(3, json.write(response.getEntity()))
                .setParameter(4, scope).setParameter(5, key)
                .executeUpdate();
        return response;
    }

    private Response replay(String scope, String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT request_hash, status, location, response_body FROM idempotency_record
                        WHERE scope = ?1 AND idem_key = ?2""")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE, "Retry the request in a moment");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was first used with a different request; use a new key for a new request");
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue())
                .entity(row[3])
                .type(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true");
        if (row[2] != null) {
            replay.header("Location", row[2]);
        }
        return replay.build();
    }

    private String hash(String scope, Object request) {
        return app.sarafan.common.hash.Sha256.hex(scope, json.write(request));
    }
}
