package app.sarafan.leaderboard;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.page.QueryParams;

/** The query parameters of a leaderboard, with their defaults: paying referrals, this month, the top 10. */
record LeaderboardQuery(LeaderboardMetric metric, LeaderboardPeriod period, int limit) {

    static LeaderboardQuery parse(String metric, String period, String limit) {
        LeaderboardMetric by = QueryParams.enumValue("metric", metric, LeaderboardMetric.class);
        LeaderboardPeriod over = QueryParams.enumValue("period", period, LeaderboardPeriod.class);
        Integer size = QueryParams.integer("limit", limit);
        if (size != null && (size < 1 || size > Leaderboard.MAX_LIMIT)) {
            throw ProblemException.invalid("limit", "must be between 1 and " + Leaderboard.MAX_LIMIT);
        }
        return new LeaderboardQuery(by == null ? LeaderboardMetric.PAYING_REFERRALS : by,
                over == null ? LeaderboardPeriod.MONTH : over, size == null ? Leaderboard.DEFAULT_LIMIT : size);
    }
}
