package app.sarafan.leaderboard;

import java.math.BigDecimal;

/**
 * One referrer on the leaderboard. Equal scores share a position (1, 2, 2, 4); {@code position} is null for a
 * member with nothing in the period. {@code you} marks the caller's own entry in their cabinet.
 */
public record LeaderboardEntry(Integer position, String displayName, long payingReferrals, BigDecimal earned,
        boolean you) {
}
