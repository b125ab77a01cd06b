package app.sarafan.sms;

import java.time.Instant;
import java.util.List;

/**
 * One SMS of a member, for administrators: why it was not sent ({@code skipReason}), how often it was tried, and
 * what the SMSC said of each part.
 */
public record SmsView(String id, String kind, String status, String skipReason, String phone, String text,
        int attempts, String lastError, Instant nextAttemptAt, Instant sentAt, Instant finishedAt, Instant createdAt,
        List<Part> parts) {

    /** A short message of the SMS: the SMSC's message id and its delivery receipt (null until one came). */
    public record Part(int seq, String messageId, String receiptState, String receiptError, Instant receiptAt) {
    }
}
