package app.sarafan.common.event;

import java.sql.Timestamp;
import java.util.Map;

import app.sarafan.common.time.AppClock;
import app.sarafan.common.json.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Publishes what happened (referral registered, referral bound, ...) into the {@code domain_event} table inside the
 * caller's transaction, so an event exists exactly when its change was committed. Notifications and outbound
 * webhooks read it from there (transactional outbox).
 */
@ApplicationScoped
public class DomainEvents {

    private final EntityManager em;
    private final StoredJson json;
    private final AppClock clock;

    DomainEvents(EntityManager em, StoredJson json, AppClock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(DomainEventType type, Long memberId, Map<String, Object> payload) {
        em.createNativeQuery("INSERT INTO domain_event (type, member_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, type.name())
                .setParameter(2, memberId)
                .setParameter(3, json.write(payload))
                .setParameter(4, Timestamp.from(clock.now()))
                .executeUpdate();
    }
}
