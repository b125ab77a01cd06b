package app.sarafan.rank;

import java.time.Instant;

/** One entry of a member's rank history: from, to, why (EVENT, NIGHTLY, MANUAL), when. */
public record RankChangeView(String id, String from, String to, String cause, Instant changedAt) {
}
