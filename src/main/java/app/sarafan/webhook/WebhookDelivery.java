package app.sarafan.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.sarafan.audit.AuditAction;
import app.sarafan.audit.AuditEntityType;
import app.sarafan.audit.AuditLog;
import app.sarafan.common.json.StoredJson;
import app.sarafan.common.security.StandardWebhooks;
import app.sarafan.common.time.SqlInstants;
import app.sarafan.common.outbox.Backoff;
import app.sarafan.notification.OperatorAlertKind;
import app.sarafan.notification.OperatorAlerts;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Sends one due delivery. The delivery row is claimed with {@code FOR UPDATE SKIP LOCKED} and held while the
 * request runs, so two instances never send the same delivery at once. The body is
 * {@code {"type", "timestamp", "data"}} with the event's payload and the member's externalId; the headers are
 * Standard Webhooks ({@code webhook-id} = {@code evt_<event id>}, the same on every retry, so receivers can drop
 * duplicates; {@code webhook-timestamp}; {@code webhook-signature}). A 2xx answer delivers; anything else is a
 * failure retried after an exponential backoff, and the endpoint's consecutive failures grow. Once deliveries have
 * failed without a success for the configured time (days by default, as Stripe and Svix do) and at least the
 * configured number of attempts, the endpoint is disabled — with the reason in its status, an audit entry and an
 * email to the operator address when one is configured — until an administrator enables it; a burst of failures never disables it.
 */
@ApplicationScoped
class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final EntityManager em;
    private final WebhookUrls urls;
    private final WebhookConfig config;
    private final StoredJson json;
    private final MeterRegistry metrics;
    private final HttpClient http;
    private final AuditLog audit;
    private final OperatorAlerts operatorAlerts;

    WebhookDelivery(EntityManager em, WebhookUrls urls, WebhookConfig config, StoredJson json, MeterRegistry metrics,
            AuditLog audit, OperatorAlerts operatorAlerts) {
        this.audit = audit;
        this.operatorAlerts = operatorAlerts;
        this.em = em;
        this.urls = urls;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    boolean sendNext() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.id, d.endpoint_id, d.attempts, e.url, e.secret, ev.id, ev.type, ev.payload, ev.created_at,
                    m.external_id
                FROM webhook_delivery d
                JOIN webhook_endpoint e ON e.id = d.endpoint_id
                JOIN domain_event ev ON ev.id = d.event_id
                LEFT JOIN member m ON m.id = ev.member_id
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND e.status = 'ENABLED' AND NOT e.deleted
                ORDER BY d.next_attempt_at, d.id
                LIMIT 1 FOR UPDATE OF d SKIP LOCKED""").getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = rows.get(0);
        long deliveryId = ((Number) row[0]).longValue();
        long endpointId = ((Number) row[1]).longValue();
        int attempts = ((Number) row[2]).intValue() + 1;
        String messageId = "evt_" + row[5];
        Map<String, Object> data = new LinkedHashMap<>();
        if (row[9] != null) {
            data.put("member", row[9]);
        }
        data.putAll(json.read((String) row[7], PAYLOAD));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", row[6]);
        message.put("timestamp", SqlInstants.of(row[8]).toString());
        message.put("data", data);
        String body = json.write(message);

        Integer status = null;
        String error;
        try {
            URI uri = urls.check((String) row[3]);
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Sarafan-Webhooks/1.0")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", StandardWebhooks.sign((String) row[4], messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status >= 200 && status < 300 ? null : "answered HTTP " + status;
        } catch (WebhookUrls.Refused e) {
            error = "URL refused: " + e.getMessage();
        } catch (java.io.IOException e) {
            error = networkFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        if (error == null) {
            delivered(deliveryId, endpointId, attempts, status);
        } else {
            failed(deliveryId, endpointId, attempts, status, error);
        }
        return true;
    }

    private void delivered(long deliveryId, long endpointId, int attempts, int status) {
        em.createNativeQuery("""
                UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?2, last_status_code = ?3,
                    last_error = NULL, last_attempt_at = now(), delivered_at = now() WHERE id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, attempts).setParameter(3, status).executeUpdate();
        em.createNativeQuery("UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL WHERE id = ?1"
                + " AND consecutive_failures <> 0").setParameter(1, endpointId).executeUpdate();
        metrics.counter("sarafan.webhooks.deliveries", "outcome", "delivered").increment();
    }

    private void failed(long deliveryId, long endpointId, int attempts, Integer status, String error) {
        Duration wait = Backoff.after(attempts, config.retryBase(), config.retryMax());
        String reason = error.length() > 1000 ? error.substring(0, 1000) : error;
        em.createNativeQuery("""
                UPDATE webhook_delivery SET attempts = ?2, last_status_code = ?3, last_error = ?4,
                    last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => ?5) WHERE id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, attempts).setParameter(3, status)
                .setParameter(4, reason).setParameter(5, (double) wait.toMillis() / 1000).executeUpdate();
        Object[] failing = (Object[]) em.createNativeQuery("""
                UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1,
                    failing_since = COALESCE(failing_since, now()) WHERE id = ?1
                RETURNING consecutive_failures, extract(epoch FROM now() - failing_since)""")
                .setParameter(1, endpointId).getSingleResult();
        int failures = ((Number) failing[0]).intValue();
        Duration failingFor = Duration.ofMillis((long) (((Number) failing[1]).doubleValue() * 1000));
        metrics.counter("sarafan.webhooks.deliveries", "outcome", "failed").increment();
        LOG.infof("Webhook delivery %d to endpoint %d failed (attempt %d, next in %s): %s", deliveryId, endpointId,
                attempts, wait, reason);
        if (failures >= config.disableAfterFailures() && failingFor.compareTo(config.disableAfterFailingFor()) >= 0) {
            disable(endpointId, failures + " consecutive failed deliveries over " + readable(failingFor)
                    + "; last: " + reason);
        }
    }

    private void disable(long endpointId, String why) {
        String reason = why.length() > 1000 ? why.substring(0, 1000) : why;
        @SuppressWarnings("unchecked")
        List<Object[]> disabled = em.createNativeQuery("""
                UPDATE webhook_endpoint SET status = 'DISABLED', disabled_at = now(), disabled_reason = ?2,
                    updated_at = now() WHERE id = ?1 AND status = 'ENABLED'
                RETURNING url, description, failing_since, consecutive_failures""")
                .setParameter(1, endpointId).setParameter(2, reason).getResultList();
        if (!disabled.isEmpty()) {
            Object[] endpoint = disabled.get(0);
            metrics.counter("sarafan.webhooks.endpoints.disabled").increment();
            audit.record("system", AuditAction.WEBHOOK_DISABLED, AuditEntityType.WEBHOOK, endpointId,
                    Map.of("status", "ENABLED"), Map.of("status", "DISABLED", "disabledReason", reason));
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("endpointId", String.valueOf(endpointId));
            alert.put("url", endpoint[0]);
            alert.put("description", endpoint[1]);
            alert.put("failingSince", SqlInstants.of(endpoint[2]).truncatedTo(ChronoUnit.SECONDS).toString());
            alert.put("failures", ((Number) endpoint[3]).intValue());
            alert.put("reason", reason);
            operatorAlerts.alert(OperatorAlertKind.WEBHOOK_DISABLED, alert);
            LOG.warnf("Webhook endpoint %d disabled: %s; an administrator can enable it again", endpointId, reason);
        }
    }

    /** PT74H30M as "3 days 2 hours": what an administrator reads. */
    static String readable(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + (d.toDays() == 1 ? " day " : " days ") + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    /** What an administrator reads about a failed attempt: plain words, no Java class names. */
    static String networkFailure(java.io.IOException e) {
        String what = e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e instanceof java.net.ConnectException ? "could not connect"
                : e instanceof java.net.UnknownHostException ? "unknown host"
                : e instanceof javax.net.ssl.SSLException ? "TLS handshake failed"
                : "network error";
        return e.getMessage() == null || e.getMessage().isBlank() ? what : what + ": " + e.getMessage();
    }
}
