package app.sarafan.common.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.time.AppClock;
import app.sarafan.common.json.StoredJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Publishes what happened (referral registered, referral bound, ...) into the {@code domain_event} table inside the
 * caller's transaction, so an event exists exactly when its change was committed. Notifications and outbound
 * webhooks read it from there (transactional outbox).
 *
 * <p>The events of a transaction are written together when it commits, after the persistence context is flushed:
 * an order-paid event publishes the rewards' events and the referral's purchase from different places, and each
 * insert also fans out to mail and webhooks by a trigger. Nothing reads domain events in the transaction that
 * publishes them; a transaction that rolls back (a dry run) writes none.
 */
@ApplicationScoped
public class DomainEvents {

    /** One event of {@link #publishAll}. */
    public record Published(DomainEventType type, Long memberId, Map<String, Object> payload) {
    }

    private static final String INSERT_ALL = """
            INSERT INTO domain_event (type, member_id, payload, created_at)
            SELECT type, member_id, payload, created_at FROM unnest(?::text[], ?::bigint[], ?::text[], ?::timestamptz[])
                WITH ORDINALITY AS u(type, member_id, payload, created_at, ord)
            ORDER BY ord""";

    private static final Object PENDING = new Object();

    private final EntityManager em;
    private final AgroalDataSource db;
    private final StoredJson json;
    private final AppClock clock;
    private final TransactionSynchronizationRegistry registry;

    DomainEvents(EntityManager em, AgroalDataSource db, StoredJson json, AppClock clock,
            TransactionSynchronizationRegistry registry) {
        this.registry = registry;
        this.em = em;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(DomainEventType type, Long memberId, Map<String, Object> payload) {
        publishAll(List.of(new Published(type, memberId, payload)));
    }

    /** Several events, written in the order given, as {@link #publish} would write them one by one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Published> events) {
        if (events.isEmpty()) {
            return;
        }
        // An ISO instant: the driver would write a Timestamp in the JVM's zone.
        String at = clock.now().toString();
        List<Pending> pending = pending();
        events.forEach(e -> pending.add(new Pending(e.type().name(), e.memberId(), json.write(e.payload()), at)));
    }

    private record Pending(String type, Long memberId, String payload, String at) {
    }

    /** This transaction's events so far; the first asks for them to be written before it completes. */
    @SuppressWarnings("unchecked")
    private List<Pending> pending() {
        List<Pending> pending = (List<Pending>) registry.getResource(PENDING);
        if (pending != null) {
            return pending;
        }
        List<Pending> events = new ArrayList<>();
        registry.putResource(PENDING, events);
        // The session joins the transaction first, so its synchronization (the flush) runs before this one, and
        // whatever the events refer to (a member created in the transaction) is in the database by then.
        em.unwrap(Session.class);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                write(events);
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
        return events;
    }

    /**
     * Through the pool's connection of this transaction, closed here: the session has handed its own back by now,
     * and one it opened again would be left for the pool to close at commit (with a warning, every transaction).
     */
    private void write(List<Pending> events) {
        String[] types = events.stream().map(Pending::type).toArray(String[]::new);
        Long[] members = events.stream().map(Pending::memberId).toArray(Long[]::new);
        String[] payloads = events.stream().map(Pending::payload).toArray(String[]::new);
        String[] at = events.stream().map(Pending::at).toArray(String[]::new);
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setArray(1, connection.createArrayOf("text", types));
            insert.setArray(2, connection.createArrayOf("bigint", members));
            insert.setArray(3, connection.createArrayOf("text", payloads));
            insert.setArray(4, connection.createArrayOf("timestamptz", at));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the transaction's domain events", e);
        }
    }
}
