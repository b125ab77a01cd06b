package app.sarafan.webhook;

import java.time.Instant;

/** One event sent (or being sent) to one endpoint: the delivery log. */
public record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
        Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt,
        Instant createdAt) {
}
