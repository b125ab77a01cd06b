package app.sarafan.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RefreshGateTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RefreshGate gate = new RefreshGate(Duration.ofSeconds(30), now::get);

    @Test
    void theFirstForcedRefreshPassesAtOnce() {
        assertTrue(gate.tryPass());
    }

    @Test
    void aFloodWithinTheIntervalLetsOnlyOneThrough() {
        long passed = IntStream.range(0, 1000).filter(i -> {
            now.addAndGet(Duration.ofMillis(20).toNanos());
            return gate.tryPass();
        }).count();
        assertEquals(1, passed, "20 s of unknown kids, one every 20 ms");
    }

    @Test
    void theNextPassesOnceTheIntervalHasElapsedSinceTheLastPass() {
        assertTrue(gate.tryPass());
        now.addAndGet(Duration.ofSeconds(30).minusNanos(1).toNanos());
        assertFalse(gate.tryPass());
        now.addAndGet(1);
        assertTrue(gate.tryPass());
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertFalse(gate.tryPass(), "counted from the last pass, not from the first");
    }
}
