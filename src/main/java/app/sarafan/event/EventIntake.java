package app.sarafan.event;

import java.sql.Timestamp;
import java.util.Set;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.time.AppClock;
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

    EventIntake(EventSignature signature, ObjectMapper mapper, Validator validator, EventHandlers handlers,
            StoredJson json, EntityManager em, AppClock clock) {
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
        boolean claimed = !dryRun && em.createNativeQuery("""
                        INSERT INTO shop_event (id, type, order_id, body_hash, occurred_at, received_at, received_by)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id).setParameter(2, request.type().name())
                .setParameter(3, request.order() == null ? null : request.order().id())
                .setParameter(4, hash)
                .setParameter(5, request.occurredAt() == null ? null : Timestamp.from(request.occurredAt()))
                .setParameter(6, Timestamp.from(now)).setParameter(7, actor)
                .executeUpdate() == 1;
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
            em.createNativeQuery("UPDATE shop_event SET member_id = ?1, result = ?2 WHERE id = ?3")
                    .setParameter(1, member.id()).setParameter(2, result).setParameter(3, id)
                    .executeUpdate();
        }
        return new Answer(result, false);
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
