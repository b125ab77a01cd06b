package app.sarafan.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A registered endpoint. {@code secret} is answered once, when the endpoint is created; {@code status} DISABLED
 * with {@code disabledReason} tells the administrator that deliveries stopped after too many failures.
 */
public record EndpointView(String id, String url, String description, List<String> eventTypes, String status,
        int consecutiveFailures, Instant disabledAt, String disabledReason, Instant createdAt, Instant updatedAt,
        String secret) {
}
