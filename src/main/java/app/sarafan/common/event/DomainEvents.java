package app.sarafan.common.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.sarafan.common.json.StoredJson;
import app.sarafan.common.sql.Jdbc;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.tx.CommitWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Publishes what happened (referral registered, referral bound, ...) into the {@code domain_event} table inside the
 * caller's transaction, so an event exists exactly when its change was committed. Notifications and outbound
 * webhooks read it from there (transactional outbox).
 *
 * <p>The events of a transaction are written together when it commits ({@link CommitWrites}, after the persistence
 * context is flushed): an order-paid event publishes the rewards' events and the referral's purchase from different
 * places, and each insert also fans out to mail and webhooks by a trigger. Nothing reads domain events in the transaction that
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

    private final CommitWrites writes;
    private final StoredJson json;
    private final AppClock clock;
    private final TransactionSynchronizationRegistry registry;

    DomainEvents(CommitWrites writes, StoredJson json, AppClock clock, TransactionSynchronizationRegistry registry) {
        this.writes = writes;
        this.registry = registry;
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

    /** This transaction's events so far; the first asks for them to be written when it commits. */
    @SuppressWarnings("unchecked")
    private List<Pending> pending() {
        List<Pending> pending = (List<Pending>) registry.getResource(PENDING);
        if (pending != null) {
            return pending;
        }
        List<Pending> events = new ArrayList<>();
        registry.putResource(PENDING, events);
        writes.add(() -> insert(events));
        return events;
    }

    private static Jdbc.Statement insert(List<Pending> events) {
        return new Jdbc.Statement(INSERT_ALL, List.of(
                new Jdbc.SqlArray("text", events.stream().map(Pending::type).toArray()),
                new Jdbc.SqlArray("bigint", events.stream().map(Pending::memberId).toArray()),
                new Jdbc.SqlArray("text", events.stream().map(Pending::payload).toArray()),
                new Jdbc.SqlArray("timestamptz", events.stream().map(Pending::at).toArray())));
    }
}
