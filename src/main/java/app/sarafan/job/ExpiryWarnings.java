package app.sarafan.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells members that bonuses are about to burn. Each threshold owns a window: the 7-day warning covers lots burning
 * in (1 day, 7 days], the 1-day warning (0, 1 day], so a lot granted with 12 hours to live gets one email, not two.
 * A member gets one email per threshold for all their lots in its window (how much burns, and the nearest date).
 * The primary key of expiry_warning (lot, threshold) is what makes it once: a rerun or a racing instance inserts
 * nothing for a lot already warned about (ON CONFLICT DO NOTHING waits for the other's commit, then skips), and
 * only lots it marked itself go into its emails. Spent, expired and voided lots are never warned about.
 */
@ApplicationScoped
class ExpiryWarnings {

    private final ExpiryWarningChunk chunks;
    private final JobsConfig config;

    ExpiryWarnings(ExpiryWarningChunk chunks, JobsConfig config) {
        this.chunks = chunks;
        this.config = config;
    }

    Progress run(Instant now) {
        Progress progress = new Progress();
        List<Integer> thresholds = config.expiryWarningDays().stream().distinct().sorted().toList();
        for (int i = 0; i < thresholds.size(); i++) {
            int days = thresholds.get(i);
            Instant from = now.plus(Duration.ofDays(i == 0 ? 0 : thresholds.get(i - 1)));
            Instant to = now.plus(Duration.ofDays(days));
            long[] counts;
            do {
                counts = chunks.warn(days, from, to, now, config.chunkSize());
                if (counts[0] > 0) {
                    progress.chunk(counts[0], counts[1]);
                }
            } while (counts[0] > 0);
        }
        return progress;
    }
}
