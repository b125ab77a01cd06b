package app.sarafan.common.idempotency;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The keys this instance is running a request for right now. A retry that arrives while the first attempt still
 * runs here waits for it (at most the in-flight wait) in memory, without a database connection: when the first
 * attempt hangs on an unresponsive database, the retry answers {@code 409 idempotency-key-in-use} on time instead
 * of hanging beside it. Across instances the key's row lock does the same job (IdempotentRequests#claim).
 */
@ApplicationScoped
class InFlightKeys {

    /** One running request: ended by whoever entered it, awaited by retries. */
    static final class Entry {
        private final CountDownLatch done = new CountDownLatch(1);
    }

    private final ConcurrentHashMap<String, Entry> running = new ConcurrentHashMap<>();

    /** Enters {@code id}, after the attempt running it here ends; null when that takes longer than {@code wait}. */
    Entry enter(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Entry mine = new Entry();
        while (true) {
            Entry other = running.putIfAbsent(id, mine);
            if (other == null) {
                return mine;
            }
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !other.done.await(left, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    void leave(String id, Entry entry) {
        running.remove(id, entry);
        entry.done.countDown();
    }
}
