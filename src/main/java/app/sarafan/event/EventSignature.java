package app.sarafan.event;

import java.time.Instant;

import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;
import app.sarafan.common.error.ProblemType;
import app.sarafan.common.security.StandardWebhooks;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks that an event was signed by the shop (Standard Webhooks: HMAC-SHA256 over {@code id.timestamp.body},
 * compared in constant time) within five minutes of now. The transport's clock is the real one, not the business
 * clock tests and staging move.
 */
@ApplicationScoped
class EventSignature {

    private final EventsConfig config;

    EventSignature(EventsConfig config) {
        this.config = config;
    }

    void verify(String id, String timestamp, String signature, String body) {
        StandardWebhooks.Verdict verdict = StandardWebhooks.Verdict.BAD_SIGNATURE;
        for (String secret : config.signingSecrets()) {
            verdict = StandardWebhooks.verify(secret, id, timestamp, signature, body, Instant.now());
            if (verdict == StandardWebhooks.Verdict.VALID) {
                return;
            }
        }
        String why = switch (verdict) {
            case MISSING_HEADERS -> "Sign events: send webhook-id, webhook-timestamp and webhook-signature";
            case BAD_TIMESTAMP -> "webhook-timestamp must be Unix seconds";
            case STALE_TIMESTAMP -> "webhook-timestamp is more than 5 minutes from now: a replay or a wrong clock";
            default -> "webhook-signature does not match the body (Standard Webhooks v1, HMAC-SHA256)";
        };
        throw new ProblemException(Problem.of(ProblemType.UNAUTHORIZED, why));
    }
}
