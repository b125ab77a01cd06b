package app.sarafan.leaderboard;

import java.time.Instant;
import java.util.List;

/** The top of the leaderboard for a metric and period ([from, to), null for all time), and the caller's own entry. */
public record LeaderboardView(LeaderboardMetric metric, LeaderboardPeriod period, Instant from, Instant to,
        List<LeaderboardEntry> entries, LeaderboardEntry me) {
}
