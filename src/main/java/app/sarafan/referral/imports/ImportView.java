package app.sarafan.referral.imports;

import java.time.Instant;
import java.util.List;

/**
 * An import as administrators follow it: its status, the counters (imported + skipped + rejected = total once it is
 * COMPLETED) and the first rejected rows in file order; {@code /rejected-rows} pages through all of them.
 */
public record ImportView(String id, ImportStatus status, ImportFormat format, int total, int imported, int skipped,
        int rejected, int pending, String failure, Instant createdAt, Instant startedAt, Instant finishedAt,
        List<RejectedRow> rejectedRows) {
}
