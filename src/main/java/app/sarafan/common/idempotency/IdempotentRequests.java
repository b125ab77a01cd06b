package app.sarafan.common.idempotency;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.hash.Sha256;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.time.AppClock;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code Idempotency-Key} for POSTs that move bonuses or create things (IETF draft "The Idempotency-Key HTTP
 * Header Field"). A key is scoped to the caller, the operation and the decoded resource ({@link IdempotencyScope}),
 * so every spelling of a path is one request. The key is claimed by inserting its row in the same database
 * transaction as the operation: a concurrent retry waits on that row (at most {@code in-flight-wait}, then
 * {@code 409 idempotency-key-in-use}) and replays the committed answer; an operation that fails rolls the claim
 * back with everything else, so a retry runs it afresh. A key is kept for {@link IdempotencyWindow#retention()}:
 * after that the same key runs the request afresh, even before the purge has deleted its row.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final int MAX_KEY_LENGTH = 255;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;
    private final IdempotencyWindow window;
    private final SecurityIdentity caller;
    private final HttpServerRequest http;
    private final InFlightKeys inFlight;

    IdempotentRequests(EntityManager em, StoredJson json, AppClock clock, IdempotencyWindow window,
            SecurityIdentity caller, HttpServerRequest http, InFlightKeys inFlight) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.window = window;
        this.caller = caller;
        this.http = http;
        this.inFlight = inFlight;
    }

    /**
     * Runs {@code operation} once per key: without a key it simply runs; with a key seen before for the same
     * request it answers the first response again; with a key seen for another request it refuses.
     * {@code request} is what the caller asked besides the path (the parsed body), hashed in its canonical form.
     */
    @Transactional
    public Response run(String key, Object request, Supplier<Response> operation) {
        if (key == null) {
            return operation.get();
        }
        checkKey(key);
        String principal = caller.getPrincipal().getName();
        String scope = IdempotencyScope.ofCurrentRequest(principal).digest();
        String running = scope + " " + key;
        InFlightKeys.Entry entry = inFlight.enter(running, window.inFlightWait());
        if (entry == null) {
            throw inUse();
        }
        try {
            return runClaimed(principal, scope, key, request, operation);
        } finally {
            inFlight.leave(running, entry);
        }
    }

    private Response runClaimed(String principal, String scope, String key, Object request,
            Supplier<Response> operation) {
        String body = json.write(request);
        Instant now = clock.now();
        Instant forgetBefore = window.forgetBefore(now);
        Response legacy = legacyReplay(principal, key, body, forgetBefore);
        if (legacy != null) {
            return legacy;
        }
        String hash = Sha256.hex(scope, body);
        if (!claim(scope, key, hash, now, forgetBefore)) {
            return replay(scope, key, hash, forgetBefore);
        }
        Response response = operation.get();
        String stored = json.write(response.getEntity());
        em.createNativeQuery("""
                        UPDATE idempotency_record SET status = ?1, location = ?2, entity_tag = ?3, response_body = ?4
                        WHERE scope = ?5 AND idem_key = ?6""")
                .setParameter(1, response.getStatus())
                .setParameter(2, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(3, response.getEntityTag() == null ? null : response.getEntityTag().getValue())
                .setParameter(4, stored)
                .setParameter(5, scope).setParameter(6, key)
                .executeUpdate();
        // The first answer is the stored text too, so that every replay answers exactly the same bytes.
        return Response.fromResponse(response).entity(stored).type(MediaType.APPLICATION_JSON).build();
    }

    /** The key is stored and compared as sent: 1 to 255 visible ASCII characters or spaces (the draft's sf-string). */
    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be 1 to 255 characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw ProblemException.invalid(HEADER, "may contain only visible ASCII characters and spaces");
            }
        }
    }

    /**
     * Inserts the key's row, or takes over a row older than the retention that the purge has not deleted yet.
     * Answers false when a live row exists: another request with this key ran, or is running and has committed
     * within the wait.
     */
    private boolean claim(String scope, String key, String hash, Instant now, Instant forgetBefore) {
        // Only the claim waits this little; the operation's own locks keep the session's lock_timeout.
        em.createNativeQuery("SET LOCAL lock_timeout = " + window.inFlightWait().toMillis()).executeUpdate();
        int claimed;
        try {
            claimed = em.createNativeQuery("""
                            INSERT INTO idempotency_record (scope, idem_key, request_hash, status, response_body, created_at)
                            VALUES (?1, ?2, ?3, 0, '', ?4)
                            ON CONFLICT (scope, idem_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0,
                                location = NULL, entity_tag = NULL, response_body = '', created_at = EXCLUDED.created_at
                            WHERE idempotency_record.created_at < ?5""")
                    .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                    .setParameter(4, Timestamp.from(now)).setParameter(5, Timestamp.from(forgetBefore))
                    .executeUpdate();
        } catch (PersistenceException e) {
            if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
                throw inUse();
            }
            throw e;
        }
        em.createNativeQuery("SET LOCAL lock_timeout TO DEFAULT").executeUpdate();
        return claimed == 1;
    }

    private Response replay(String scope, String key, String hash, Instant forgetBefore) {
        Object[] row = find(scope, key, forgetBefore);
        if (row == null) {
            // The row that stopped our insert is gone again (purged meanwhile): let the client retry.
            throw inUse();
        }
        if (!hash.equals(row[0])) {
            throw reused();
        }
        return replayOf(row);
    }

    /**
     * Rows written before the scope was a digest (V17) hold {@code "caller METHOD raw-path"}; a retry spelt as then
     * replays them until they leave the retention window. Once every instance has run this code for the
     * retention, this lookup and those rows can go.
     */
    private Response legacyReplay(String principal, String key, String body, Instant forgetBefore) {
        String legacyScope = principal + " " + http.method() + " " + http.path();
        if (legacyScope.length() > 200) {
            return null;
        }
        Object[] row = find(legacyScope, key, forgetBefore);
        if (row == null) {
            return null;
        }
        if (!Sha256.hex(legacyScope, body).equals(row[0])) {
            throw reused();
        }
        return replayOf(row);
    }

    private Object[] find(String scope, String key, Instant forgetBefore) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT request_hash, status, location, entity_tag, response_body FROM idempotency_record
                        WHERE scope = ?1 AND idem_key = ?2 AND created_at >= ?3""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, Timestamp.from(forgetBefore))
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Response replayOf(Object[] row) {
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue())
                .entity(row[4])
                .type(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true");
        if (row[2] != null) {
            replay.header(HttpHeaders.LOCATION, row[2]);
        }
        if (row[3] != null) {
            replay.tag(new EntityTag((String) row[3]));
        }
        return replay.build();
    }

    private static ProblemException inUse() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still running; retry in a moment");
    }

    private static ProblemException reused() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was first used with a different request; use a new key for a new request");
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
