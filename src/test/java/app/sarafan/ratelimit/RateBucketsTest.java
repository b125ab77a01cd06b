package app.sarafan.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The GCRA buckets, with time driven by hand: burst, refusal, refill, isolation, and memory given back. */
class RateBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    /** Starts near the wrap of nanoTime on purpose: only differences may be used. */
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 3 * SECOND);
    private final RateBuckets buckets = new RateBuckets(now::get);
    private final RatePolicy tenASecond = new RatePolicy("shop", 10, 20);

    @Test
    void aFullBucketAllowsTheBurstAndRefusesTheNextWithTheTimeUntilOneFits() {
        for (int i = 1; i <= 20; i++) {
            RateDecision decision = buckets.take("shop:a", tenASecond);
            assertTrue(decision.allowed(), "request " + i);
            assertEquals(20 - i, decision.remaining());
        }
        RateDecision refused = buckets.take("shop:a", tenASecond);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        // One more fits in 0.1 s: Retry-After is a whole number of seconds, never 0.
        assertEquals(1, refused.retryAfterSeconds());
        // The bucket is full again in 2 s.
        assertEquals(2, refused.resetSeconds());
        assertEquals("\"shop\";r=0;t=1", refused.limitField());
        assertEquals("\"shop\";q=20;w=2", refused.policyField());
    }

    @Test
    void theBucketRefillsAtTheSustainedRate() {
        drain("shop:a", 20);
        assertFalse(buckets.take("shop:a", tenASecond).allowed());
        now.addAndGet(SECOND / 10);
        assertTrue(buckets.take("shop:a", tenASecond).allowed(), "one request a tenth of a second");
        assertFalse(buckets.take("shop:a", tenASecond).allowed());
        now.addAndGet(SECOND);
        for (int i = 0; i < 10; i++) {
            assertTrue(buckets.take("shop:a", tenASecond).allowed(), "ten more after a second: " + i);
        }
        assertFalse(buckets.take("shop:a", tenASecond).allowed());
        now.addAndGet(10 * SECOND);
        RateDecision full = buckets.take("shop:a", tenASecond);
        assertTrue(full.allowed());
        assertEquals(19, full.remaining(), "never more than the burst, however long the pause");
    }

    @Test
    void refusedRequestsDoNotPushTheRefillFurtherAway() {
        drain("shop:a", 20);
        for (int i = 0; i < 1000; i++) {
            assertFalse(buckets.take("shop:a", tenASecond).allowed());
        }
        now.addAndGet(SECOND / 10);
        assertTrue(buckets.take("shop:a", tenASecond).allowed());
    }

    @Test
    void aRunawayCallerDoesNotTouchAnotherCallersBucket() {
        drain("shop:runaway", 20);
        for (int i = 0; i < 100; i++) {
            buckets.take("shop:runaway", tenASecond);
        }
        RateDecision other = buckets.take("shop:other", tenASecond);
        assertTrue(other.allowed());
        assertEquals(19, other.remaining());
    }

    @Test
    void aSlowRateTellsHowLongToWait() {
        RatePolicy slow = new RatePolicy("member", 0.01, 2);
        assertTrue(buckets.take("member:x", slow).allowed());
        assertTrue(buckets.take("member:x", slow).allowed());
        RateDecision refused = buckets.take("member:x", slow);
        assertFalse(refused.allowed());
        assertEquals(100, refused.retryAfterSeconds());
        assertEquals("\"member\";q=2;w=200", slow.policyField());
    }

    @Test
    void fullBucketsAreDroppedSoMemoryHoldsOnlyRecentCallers() {
        for (int i = 0; i < 1000; i++) {
            buckets.take("member:" + i, tenASecond);
        }
        drain("shop:busy", 20);
        assertEquals(1001, buckets.size());
        now.addAndGet(SECOND / 2);
        buckets.sweep();
        // One request each was refilled in 0.1 s; the drained bucket still owes 1.5 s.
        assertEquals(1, buckets.size());
        now.addAndGet(2 * SECOND);
        buckets.take("shop:new", tenASecond);
        assertEquals(1, buckets.size(), "a sweep runs from the request path once a second");
    }

    @Test
    void aDroppedBucketComesBackFull() {
        drain("shop:a", 5);
        now.addAndGet(SECOND);
        buckets.sweep();
        assertEquals(19, buckets.take("shop:a", tenASecond).remaining());
    }

    @Test
    void aLimitThatCannotWorkIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("shop", 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("shop", Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("shop", 10, 0));
    }

    private void drain(String caller, int requests) {
        for (int i = 0; i < requests; i++) {
            assertTrue(buckets.take(caller, tenASecond).allowed());
        }
    }
}
