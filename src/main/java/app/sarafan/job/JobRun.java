package app.sarafan.job;

import java.time.Instant;

/**
 * What one run of a job did: {@code processed} items (lots activated or burnt, lots warned about, members with a
 * birthday) and {@code written} results (transactions, emails queued, grants), in how many chunks.
 */
public record JobRun(String job, Instant startedAt, Instant finishedAt, long processed, long written, int chunks) {
}
