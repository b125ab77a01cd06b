package app.sarafan.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.sql.SqlArrays;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Delivery receipts, stored as they arrive and matched to the parts of sent messages: a part is delivered
 * (DELIVRD), still on its way (ENROUTE, ACCEPTD) or failed (UNDELIV, EXPIRED, DELETED, REJECTD, UNKNOWN); a
 * message is DELIVERED when every part is, FAILED as soon as one failed. A receipt that arrives before the
 * transaction that stored its message id committed stays unmatched until the next {@link #match()}.
 */
@ApplicationScoped
class SmsReceipts {

    private final EntityManager em;
    private final MeterRegistry metrics;

    SmsReceipts(EntityManager em, MeterRegistry metrics) {
        this.em = em;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void record(String messageId, String state, String error) {
        em.createNativeQuery("INSERT INTO sms_receipt (message_id, state, error, received_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, messageId).setParameter(2, state).setParameter(3, error)
                .setParameter(4, Timestamp.from(Instant.now())).executeUpdate();
        match();
        metrics.counter("sarafan.sms.receipts", "state", state).increment();
    }

    /**
     * Applies every stored receipt whose part belongs to a message still waiting for its receipts (message ids
     * are the SMSC's and may come round again), then forgets it; a receipt nobody claims is forgotten after a
     * week. Answers how many parts it updated.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    int match() {
        List<Number> messages = em.createNativeQuery("""
                WITH matched AS (
                    DELETE FROM sms_receipt r USING sms_part p, sms_message s
                    WHERE p.message_id = r.message_id AND s.id = p.sms_id AND s.status = 'SENT'
                    RETURNING r.id, r.message_id, r.state, r.error, r.received_at),
                latest AS (
                    SELECT DISTINCT ON (message_id) message_id, state, error, received_at
                    FROM matched ORDER BY message_id, id DESC)
                UPDATE sms_part p SET receipt_state = l.state, receipt_error = l.error, receipt_at = l.received_at
                FROM latest l, sms_message s
                WHERE p.message_id = l.message_id AND s.id = p.sms_id AND s.status = 'SENT'
                RETURNING p.sms_id""").getResultList();
        if (!messages.isEmpty()) {
            em.createNativeQuery("""
                    UPDATE sms_message s SET status = CASE WHEN f.failed THEN 'FAILED' ELSE 'DELIVERED' END,
                        finished_at = now()
                    FROM (SELECT sms_id,
                                 bool_or(receipt_state IN ('UNDELIV', 'EXPIRED', 'DELETED', 'REJECTD', 'UNKNOWN'))
                                     AS failed,
                                 bool_and(receipt_state IS NOT NULL AND receipt_state = 'DELIVRD') AS delivered
                          FROM sms_part WHERE sms_id = ANY (CAST(?1 AS BIGINT[])) GROUP BY sms_id) f
                    WHERE s.id = f.sms_id AND s.status = 'SENT' AND (f.failed OR f.delivered)""")
                    .setParameter(1, SqlArrays.bigints(messages.stream().map(Number::longValue).distinct().toList()))
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM sms_receipt WHERE received_at < now() - INTERVAL '7 days'").executeUpdate();
        return messages.size();
    }
}
