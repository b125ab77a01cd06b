package app.sarafan.common.event;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import app.sarafan.common.time.AppClock;
import app.sarafan.common.json.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Publishes what happened (referral registered, referral bound, ...) into the {@code domain_event} table inside the
 * caller's transaction, so an event exists exactly when its change was committed. Notifications and outbound
 * webhooks read it from there (transactional outbox).
 */
@ApplicationScoped
public class DomainEvents {

    /** One event of {@link #publishAll}. */
    public record Published(DomainEventType type, Long memberId, Map<String, Object> payload) {
    }

    private static final String INSERT_ALL = """
            INSERT INTO domain_event (type, member_id, payload, created_at)
            SELECT type, member_id, payload, ? FROM unnest(?::text[], ?::bigint[], ?::text[])
                WITH ORDINALITY AS u(type, member_id, payload, ord)
            ORDER BY ord""";

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
        publishAll(List.of(new Published(type, memberId, payload)));
    }

    /** Several events in one statement (and in the order given), as {@link #publish} would write them one by one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Published> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] types = events.stream().map(e -> e.type().name()).toArray(String[]::new);
        Long[] members = events.stream().map(Published::memberId).toArray(Long[]::new);
        String[] payloads = events.stream().map(e -> json.write(e.payload())).toArray(String[]::new);
        Timestamp at = Timestamp.from(clock.now());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                insert.setTimestamp(1, at);
                insert.setArray(2, connection.createArrayOf("text", types));
                insert.setArray(3, connection.createArrayOf("bigint", members));
                insert.setArray(4, connection.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
    }
}
