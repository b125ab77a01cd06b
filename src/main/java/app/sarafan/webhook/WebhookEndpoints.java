package app.sarafan.webhook;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.Cursor;
import app.sarafan.common.page.Page;
import app.sarafan.common.time.AppClock;
import app.sarafan.common.time.SqlInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Administrators' endpoints and their delivery log. */
@ApplicationScoped
public class WebhookEndpoints {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENDPOINT_COLUMNS = """
            e.id, e.url, e.description, e.status, e.consecutive_failures, e.disabled_at, e.disabled_reason,
            e.created_at, e.updated_at,
            (SELECT string_agg(s.event_type, ',' ORDER BY s.event_type) FROM webhook_subscription s
             WHERE s.endpoint_id = e.id)""";

    private final EntityManager em;
    private final WebhookUrls urls;
    private final AppClock clock;
    private final AuditLog audit;

    WebhookEndpoints(EntityManager em, WebhookUrls urls, AppClock clock, AuditLog audit) {
        this.audit = audit;
        this.em = em;
        this.urls = urls;
        this.clock = clock;
    }

    @Transactional
    public EndpointView register(EndpointRegistration registration, String administrator) {
        try {
            urls.check(registration.url());
        } catch (WebhookUrls.Refused e) {
            throw ProblemException.invalid("url", e.getMessage());
        }
        String secret = registration.secret() != null ? registration.secret() : newSecret();
        if (secret.startsWith("whsec_")) {
            try {
                Base64.getDecoder().decode(secret.substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("secret", "after whsec_ must be base64");
            }
        }
        Timestamp now = Timestamp.from(clock.now());
        long id = ((Number) em.createNativeQuery("""
                INSERT INTO webhook_endpoint (url, secret, description, status, created_at, updated_at)
                VALUES (?1, ?2, ?3, 'ENABLED', ?4, ?4) RETURNING id""")
                .setParameter(1, registration.url().strip()).setParameter(2, secret)
                .setParameter(3, registration.description()).setParameter(4, now)
                .getSingleResult()).longValue();
        registration.eventTypes().stream().distinct().forEach(type -> em.createNativeQuery(
                "INSERT INTO webhook_subscription (endpoint_id, event_type) VALUES (?1, ?2)")
                .setParameter(1, id).setParameter(2, type.name()).executeUpdate());
        EndpointView created = get(String.valueOf(id));
        audit.record(administrator, AuditAction.WEBHOOK_CREATED, AuditEntityType.WEBHOOK, id, null, created);
        return new EndpointView(created.id(), created.url(), created.description(), created.eventTypes(),
                created.status(), created.consecutiveFailures(), created.disabledAt(), created.disabledReason(),
                created.createdAt(), created.updatedAt(), secret);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public EndpointView get(String id) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + ENDPOINT_COLUMNS
                + " FROM webhook_endpoint e WHERE e.id = ?1 AND NOT e.deleted").setParameter(1, parse(id))
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Webhook endpoint", id);
        }
        return view(rows.get(0));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<EndpointView> list(Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        List<Object[]> rows = em.createNativeQuery("SELECT " + ENDPOINT_COLUMNS
                + " FROM webhook_endpoint e WHERE e.id < ?1 AND NOT e.deleted ORDER BY e.id DESC LIMIT ?2")
                .setParameter(1, Cursor.decode(cursor)).setParameter(2, size + 1).getResultList();
        List<EndpointView> items = rows.stream().limit(size).map(WebhookEndpoints::view).toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(Long.parseLong(items.get(size - 1).id())) : null);
    }

    /** Enables a (disabled) endpoint again: failures forgotten, waiting deliveries sent at once. */
    @Transactional
    public EndpointView enable(String id, String administrator) {
        long endpointId = require(id);
        EndpointView before = get(id);
        em.createNativeQuery("""
                UPDATE webhook_endpoint SET status = 'ENABLED', consecutive_failures = 0, failing_since = NULL,
                    disabled_at = NULL,
                    disabled_reason = NULL, updated_at = ?2 WHERE id = ?1""")
                .setParameter(1, endpointId).setParameter(2, Timestamp.from(clock.now())).executeUpdate();
        em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = now() WHERE endpoint_id = ?1"
                + " AND status = 'PENDING'").setParameter(1, endpointId).executeUpdate();
        EndpointView after = get(id);
        audit.record(administrator, AuditAction.WEBHOOK_UPDATED, AuditEntityType.WEBHOOK, id, before, after);
        return after;
    }

    /** Stops deliveries to an endpoint for good; its log stays in the database. */
    @Transactional
    public void delete(String id, String administrator) {
        EndpointView before = get(id);
        em.createNativeQuery("UPDATE webhook_endpoint SET deleted = TRUE, updated_at = ?2 WHERE id = ?1")
                .setParameter(1, require(id)).setParameter(2, Timestamp.from(clock.now())).executeUpdate();
        audit.record(administrator, AuditAction.WEBHOOK_DELETED, AuditEntityType.WEBHOOK, id, before, null);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<DeliveryView> deliveries(String id, Integer limit, String cursor) {
        long endpointId = require(id);
        int size = Cursor.limit(limit);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.id, d.event_id, ev.type, d.status, d.attempts, d.last_status_code, d.last_error,
                    d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.created_at
                FROM webhook_delivery d JOIN domain_event ev ON ev.id = d.event_id
                WHERE d.endpoint_id = ?1 AND d.id < ?2 ORDER BY d.id DESC LIMIT ?3""")
                .setParameter(1, endpointId).setParameter(2, Cursor.decode(cursor)).setParameter(3, size + 1)
                .getResultList();
        List<DeliveryView> items = rows.stream().limit(size).map(r -> new DeliveryView(String.valueOf(r[0]),
                String.valueOf(r[1]), (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                r[5] == null ? null : ((Number) r[5]).intValue(), (String) r[6], SqlInstants.of(r[7]),
                "PENDING".equals(r[3]) ? SqlInstants.of(r[8]) : null, SqlInstants.of(r[9]), SqlInstants.of(r[10])))
                .toList();
        return new Page<>(items, rows.size() > size ? Cursor.encode(Long.parseLong(items.get(size - 1).id())) : null);
    }

    private long require(String id) {
        return Long.parseLong(get(id).id());
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Webhook endpoint", id);
        }
    }

    private static EndpointView view(Object[] r) {
        String types = (String) r[9];
        return new EndpointView(String.valueOf(r[0]), (String) r[1], (String) r[2], types == null ? List.of()
                : List.of(types.split(",")), (String) r[3], ((Number) r[4]).intValue(), SqlInstants.of(r[5]),
                (String) r[6], SqlInstants.of(r[7]), SqlInstants.of(r[8]), null);
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
