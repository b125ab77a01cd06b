package app.sarafan.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.tx.CommitWrites;
import app.sarafan.member.MemberRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

/**
 * Receives a shop event: signature, body, then once per event id. The event row is claimed in the transaction that
 * applies the event, so a retry — even one racing the first delivery — waits for it and gets its stored result;
 * a failed event leaves nothing, so the shop's retry applies it afresh. A dry run goes through exactly the same
 * steps in a transaction that is rolled back.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);
    private static final int ATTEMPTS = 3;

    /**
     * The answer: the event's result as JSON — the very text stored for replays, so neither a delivery nor a replay
     * serializes it again — and whether it is the stored result of an earlier delivery.
     */
    public record Answer(String result, boolean replayed) {
    }

    private final EventSignature signature;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final EventHandlers handlers;
    private final StoredJson json;
    private final EntityManager em;
    private final AppClock clock;
    private final CommitWrites writes;

    EventIntake(EventSignature signature, ObjectMapper mapper, Validator validator, EventHandlers handlers,
            StoredJson json, EntityManager em, AppClock clock, CommitWrites writes) {
        this.writes = writes;
        this.signature = signature;
        this.mapper = mapper;
        this.validator = validator;
        this.handlers = handlers;
        this.json = json;
        this.em = em;
        this.clock = clock;
    }

    public Answer receive(String id, String timestamp, String signed, String body, boolean dryRun, String actor)
            throws JsonProcessingException {
        signature.verify(id, timestamp, signed, body);
        if (id.length() > 128) {
            throw ProblemException.invalid("webhook-id", "must be at most 128 characters");
        }
        ShopEventRequest request = parse(body);
        String hash = app.sarafan.common.hash.Sha256.hex(body);
        for (int attempt = 1; ; attempt++) {
            try {
                if (dryRun) {
                    QuarkusTransaction.begin();
                    try {
                        return apply(id, request, hash, actor, true);
                    } finally {
                        QuarkusTransaction.rollback();
                    }
                }
                return QuarkusTransaction.requiringNew().call(() -> apply(id, request, hash, actor, false));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lockConflict(e)) {
                    throw e;
                }
                LOG.debugf("Event %s met a lock conflict, attempt %d; retrying", id, attempt);
            }
        }
    }

    private Answer apply(String id, ShopEventRequest request, String hash, String actor, boolean dryRun) {
        var now = clock.now();
        boolean claimed = !dryRun && claim(id, request, hash, now, actor);
        if (!claimed) {
            ShopEvent earlier = em.find(ShopEvent.class, id);
            if (earlier != null) {
                if (!earlier.bodyHash.equals(hash)) {
                    throw new ProblemException(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                            "Event id " + id + " was used for another event; give every event its own id"));
                }
                return new Answer(earlier.result, true);
            }
        }
        Received event = new Received(id, request, actor, now, dryRun);
        MemberRef member = handlers.member(request);
        String result = json.write(handlers.handle(event, member));
        if (!dryRun) {
            // With the domain events, in the round trip that writes them at commit.
            writes.add(() -> new Jdbc.Statement("UPDATE shop_event SET member_id = ?, result = ? WHERE id = ?",
                    List.of(member.id(), result, id)));
        }
        return new Answer(result, false);
    }

    /**
     * Inserts the event's row unless its id is known; answers whether this delivery claimed it. Plain JDBC: the
     * claim and the result are two of every event's statements, and a Hibernate native update costs several times
     * more in the JVM than in the database.
     */
    private boolean claim(String id, ShopEventRequest request, String hash, Instant now, String actor) {
        return Jdbc.update(em, """
                        INSERT INTO shop_event (id, type, order_id, body_hash, occurred_at, received_at, received_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                id, request.type(), request.order() == null ? null : request.order().id(), hash,
                request.occurredAt(), now, actor) == 1;
    }

    private ShopEventRequest parse(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object"));
        }
        ShopEventRequest request = mapper.readValue(body, ShopEventRequest.class);
        Set<ConstraintViolation<ShopEventRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        EventShape.check(request);
        return request;
    }

    private static boolean lockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

}
