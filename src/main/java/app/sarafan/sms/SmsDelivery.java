package app.sarafan.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.outbox.Backoff;
import app.sarafan.notification.NotificationKind;
import app.sarafan.notification.SmsTexts;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Sends one SMS of the outbox, like mail (notification/MailDelivery): the row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and stays locked while it is submitted, so two instances never send the same
 * SMS, and it is marked SENT, with the SMSC's message id of each part, in the same transaction. Consent, phone and
 * the kind's SMS opt-out are checked again here: what the member changed since the message was written wins
 * (SKIPPED, with the reason). A failed submit is retried after an exponential backoff until max-attempts, then
 * FAILED; a permanent refusal (a bad number) fails at once. A crash between the SMSC's answer and the commit sends
 * that SMS again: SMS is at least once, like mail.
 */
@ApplicationScoped
class SmsDelivery {

    private static final Logger LOG = Logger.getLogger(SmsDelivery.class);

    private final EntityManager em;
    private final SelectedTransport transport;
    private final SmsTexts texts;
    private final SmsConfig config;
    private final MeterRegistry metrics;

    SmsDelivery(EntityManager em, SelectedTransport transport, SmsTexts texts, SmsConfig config, MeterRegistry metrics) {
        this.em = em;
        this.transport = transport;
        this.texts = texts;
        this.config = config;
        this.metrics = metrics;
    }

    /** Sends the next due SMS; answers false when none is due (or all due ones are being sent elsewhere). */
    @Transactional
    @SuppressWarnings("unchecked")
    boolean sendNext() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.id, s.kind, n.payload, s.attempts, m.phone, m.sms_opt_in, m.name, m.locale, m.time_zone,
                    EXISTS (SELECT 1 FROM notification_opt_out o WHERE o.member_id = s.member_id AND o.kind = s.kind
                        AND o.channel = 'SMS')
                FROM sms_message s JOIN notification n ON n.id = s.notification_id JOIN member m ON m.id = s.member_id
                WHERE s.status = 'PENDING' AND s.next_attempt_at <= now()
                ORDER BY s.next_attempt_at, s.id
                LIMIT 1 FOR UPDATE OF s SKIP LOCKED""").getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = rows.get(0);
        long id = ((Number) row[0]).longValue();
        NotificationKind kind = NotificationKind.valueOf((String) row[1]);
        String phone = (String) row[4];
        String skipped = phone == null ? "NO_PHONE" : !(Boolean) row[5] ? "NO_CONSENT" : (Boolean) row[9] ? "OPTED_OUT"
                : null;
        if (skipped != null) {
            em.createNativeQuery("UPDATE sms_message SET status = 'SKIPPED', skip_reason = ?2, finished_at = now()"
                    + " WHERE id = ?1").setParameter(1, id).setParameter(2, skipped).executeUpdate();
            metrics.counter("sarafan.sms", "kind", kind.name(), "outcome", "skipped").increment();
            return true;
        }
        String text = texts.of(kind, (String) row[2], (String) row[6], (String) row[7], (String) row[8]);
        List<String> messageIds;
        try {
            messageIds = transport.submit(phone, text);
        } catch (SmsRefused e) {
            failed(id, kind, ((Number) row[3]).intValue() + 1, e);
            return true;
        }
        em.createNativeQuery("""
                UPDATE sms_message SET status = 'SENT', attempts = attempts + 1, sent_at = ?2, phone = ?3, text = ?4,
                    parts = ?5, last_error = NULL WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, Timestamp.from(Instant.now())).setParameter(3, phone)
                .setParameter(4, truncate(text, 1000)).setParameter(5, messageIds.size()).executeUpdate();
        for (int i = 0; i < messageIds.size(); i++) {
            em.createNativeQuery("INSERT INTO sms_part (sms_id, seq, message_id) VALUES (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, i + 1).setParameter(3, messageIds.get(i)).executeUpdate();
        }
        metrics.counter("sarafan.sms", "kind", kind.name(), "outcome", "sent").increment();
        return true;
    }

    private void failed(long id, NotificationKind kind, int attempts, SmsRefused e) {
        boolean last = e.permanent() || attempts >= config.maxAttempts();
        var wait = Backoff.after(attempts, config.retryBase(), config.retryMax());
        em.createNativeQuery("""
                UPDATE sms_message SET attempts = ?2, last_error = ?3, status = CASE WHEN ?5 THEN 'FAILED' ELSE status END,
                    finished_at = CASE WHEN ?5 THEN now() END, next_attempt_at = now() + make_interval(secs => ?4)
                WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, attempts).setParameter(3, truncate(e.getMessage(), 1000))
                .setParameter(4, (double) wait.toMillis() / 1000).setParameter(5, last).executeUpdate();
        metrics.counter("sarafan.sms", "kind", kind.name(), "outcome", last ? "failed" : "retried").increment();
        // WARN on the first failure, every tenth and the last, so an outage is visible without flooding the log.
        LOG.logf(attempts == 1 || attempts % 10 == 0 || last ? Logger.Level.WARN : Logger.Level.DEBUG,
                "SMS %d (%s) not sent, attempt %d, %s: %s", id, kind, attempts,
                last ? "given up" : "next in " + wait, e.getMessage());
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
