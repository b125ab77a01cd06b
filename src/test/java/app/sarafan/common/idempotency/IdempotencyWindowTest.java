package app.sarafan.common.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class IdempotencyWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void twentyFourHoursIsTheLeastRetentionAccepted() {
        IdempotencyWindow window = new IdempotencyWindow(Duration.ofHours(24), WAIT);
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        assertEquals(Instant.parse("2026-12-06T12:00:00Z"), window.forgetBefore(now));
    }

    @Test
    void aRetentionShorterThanTwentyFourHoursRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new IdempotencyWindow(Duration.ofHours(24).minusSeconds(1), WAIT));
        assertTrue(refused.getMessage().contains("sarafan.idempotency.retention must be at least PT24H"),
                refused.getMessage());
    }

    @Test
    void theInFlightWaitMustBePositiveAndShort() {
        assertThrows(IllegalStateException.class, () -> new IdempotencyWindow(Duration.ofDays(7), Duration.ZERO));
        assertThrows(IllegalStateException.class,
                () -> new IdempotencyWindow(Duration.ofDays(7), Duration.ofMinutes(1).plusMillis(1)));
        assertEquals(Duration.ofMinutes(1), new IdempotencyWindow(Duration.ofDays(7), Duration.ofMinutes(1)).inFlightWait());
    }
}
