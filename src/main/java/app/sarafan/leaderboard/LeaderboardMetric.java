package app.sarafan.leaderboard;

/** What referrers are ranked by. */
public enum LeaderboardMetric {
    /** Members they referred (level 1) who paid for the first time in the period. */
    PAYING_REFERRALS("paying_referrals"),
    /** Referral rewards earned in the period from every level of their network, net of what was taken back. */
    BONUSES_EARNED("earned");

    /** The column of leaderboard_score; a constant, never user input. */
    final String column;

    LeaderboardMetric(String column) {
        this.column = column;
    }
}
