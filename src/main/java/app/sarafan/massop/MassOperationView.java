package app.sarafan.massop;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An operation as administrators follow it: done + failed + skipped + pending = total, pending 0 once it is
 * COMPLETED or CANCELLED.
 */
public record MassOperationView(String id, String operationKey, MassOperationType type, BigDecimal amount,
        String reason, MemberFilter filter, Instant availableFrom, Instant expiresAt, MassOperationStatus status,
        int total, int done, int failed, int skipped, int pending, String failure, String createdBy,
        Instant createdAt, Instant startedAt, Instant finishedAt) {
}
