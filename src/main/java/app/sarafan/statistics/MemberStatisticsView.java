package app.sarafan.statistics;

import java.time.Instant;
import java.util.List;

import app.sarafan.referral.ReferralStats;
import app.sarafan.referral.ReferralStatsPoint;
import app.sarafan.referral.StatsInterval;

/** A member's referral statistics for a period: the totals, and a series of one point per interval to plot. */
public record MemberStatisticsView(Instant from, Instant to, StatsInterval interval, String timeZone,
        ReferralStats totals, List<ReferralStatsPoint> series) {
}
