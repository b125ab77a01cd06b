package app.sarafan.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.sarafan.common.json.StoredJson;
import app.sarafan.common.outbox.Backoff;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Sends one message of the outbox. The message row is claimed with {@code FOR UPDATE SKIP LOCKED} and stays locked
 * while it is sent, so two instances never send the same message; it is marked SENT in the same transaction. A
 * failure (SMTP down, refused) is written back with the next attempt after an exponential backoff, and the message
 * waits; it is never dropped. A crash between the SMTP answer and the commit sends that one message again: mail
 * is at least once, and that window is the only way to get a duplicate.
 */
@ApplicationScoped
class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ReactiveMailer mailer;
    private final Composer composer;
    private final StoredJson json;
    private final NotificationConfig config;
    private final MeterRegistry metrics;

    MailDelivery(EntityManager em, ReactiveMailer mailer, Composer composer, StoredJson json, NotificationConfig config,
            MeterRegistry metrics) {
        this.em = em;
        this.mailer = mailer;
        this.composer = composer;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /** Sends the next due message; answers false when none is due (or all due ones are being sent elsewhere). */
    @Transactional
    @SuppressWarnings("unchecked")
    boolean sendNext() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.id, n.kind, n.payload, n.attempts, m.email, m.name, m.locale, m.time_zone,
                    EXISTS (SELECT 1 FROM notification_opt_out o WHERE o.member_id = n.member_id AND o.kind = n.kind
                        AND o.channel = 'EMAIL'),
                    n.member_id IS NULL, n.recipient
                FROM notification n LEFT JOIN member m ON m.id = n.member_id
                WHERE n.status = 'PENDING' AND n.next_attempt_at <= now()
                ORDER BY n.next_attempt_at, n.id
                LIMIT 1 FOR UPDATE OF n SKIP LOCKED""").getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = rows.get(0);
        long id = ((Number) row[0]).longValue();
        // Operator alerts name no member: their address was set when they were written, and nobody opts out of them.
        boolean operator = (Boolean) row[9];
        String kind = operator ? OperatorAlertKind.valueOf((String) row[1]).name()
                : NotificationKind.valueOf((String) row[1]).name();
        if ((Boolean) row[8]) {
            em.createNativeQuery("UPDATE notification SET status = 'SKIPPED' WHERE id = ?1").setParameter(1, id)
                    .executeUpdate();
            metrics.counter("sarafan.notifications", "kind", kind, "outcome", "opted-out").increment();
            return true;
        }
        Recipient to = operator
                ? new Recipient((String) row[10], null, Locale.forLanguageTag(config.operatorLocale()), ZoneOffset.UTC)
                : new Recipient((String) row[4], (String) row[5], Locale.forLanguageTag((String) row[6]),
                        ZoneId.of((String) row[7]));
        Composer.Mail mail = composer.compose(kind, json.read((String) row[2], PAYLOAD), to);
        try {
            // A server that accepts the connection and then stops answering must not hold the worker (and the
            // message's row lock) until the transaction times out: the send gives up and is retried later.
            // Both alternatives (multipart/alternative): clients that show HTML show it, the others the text.
            mailer.send(Mail.withText(to.email(), mail.subject(), mail.body()).setHtml(mail.html())).await()
                    .atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            int attempts = ((Number) row[3]).intValue() + 1;
            var wait = Backoff.after(attempts, config.retryBase(), config.retryMax());
            em.createNativeQuery("""
                    UPDATE notification SET attempts = ?2, last_error = ?3, next_attempt_at = now() + make_interval(secs => ?4)
                    WHERE id = ?1""")
                    .setParameter(1, id).setParameter(2, attempts).setParameter(3, truncate(String.valueOf(e)))
                    .setParameter(4, (double) wait.toMillis() / 1000).executeUpdate();
            metrics.counter("sarafan.notifications", "kind", kind, "outcome", "failed").increment();
            // WARN on the first failure and then every tenth, so an outage is visible without flooding the log.
            LOG.logf(attempts == 1 || attempts % 10 == 0 ? Logger.Level.WARN : Logger.Level.DEBUG,
                    "Mail %d (%s) not sent, attempt %d, next in %s: %s", id, kind, attempts, wait, e.getMessage());
            return true;
        }
        em.createNativeQuery("""
                UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = ?2, recipient = ?3,
                    subject = ?4, last_error = NULL WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, Timestamp.from(Instant.now()))
                .setParameter(3, to.email()).setParameter(4, truncate(mail.subject())).executeUpdate();
        metrics.counter("sarafan.notifications", "kind", kind, "outcome", "sent").increment();
        return true;
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
