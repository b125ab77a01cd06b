package app.sarafan.statistics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.time.AppClock;
import app.sarafan.member.MemberService;
import app.sarafan.referral.ReferralStatistics;
import app.sarafan.referral.StatsInterval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A member's referral statistics as a chart needs them: totals for a period and a series by day, week or month,
 * cut at midnight in the member's own time zone.
 */
@ApplicationScoped
public class MemberStatistics {

    /** More points than anyone plots; it also bounds the work of one request. */
    static final int MAX_POINTS = 400;

    private final ReferralStatistics statistics;
    private final MemberService members;
    private final AppClock clock;

    MemberStatistics(ReferralStatistics statistics, MemberService members, AppClock clock) {
        this.statistics = statistics;
        this.members = members;
        this.clock = clock;
    }

    /**
     * Without {@code to} the period ends now; without {@code from} it starts 30 days (DAY), 12 weeks (WEEK) or
     * 12 months (MONTH) before its end.
     */
    @Transactional
    public MemberStatisticsView of(String externalId, Instant from, Instant to, StatsInterval interval) {
        StatsInterval width = interval == null ? StatsInterval.DAY : interval;
        ZoneId zone = ZoneId.of(members.get(externalId).timeZone());
        Instant end = to == null ? clock.now() : to;
        Instant start = from == null ? defaultStart(end.atZone(zone), width) : from;
        if (!start.isBefore(end)) {
            throw ProblemException.invalid(to == null ? "from" : "to", "must be after from, and from before now");
        }
        long points = width.pointsBetween(start.atZone(zone).toLocalDate(), end.atZone(zone).toLocalDate());
        if (points > MAX_POINTS) {
            throw ProblemException.invalid("from", "the period holds " + points + " intervals of " + width
                    + "; at most " + MAX_POINTS + ": choose a wider interval or a shorter period");
        }
        return new MemberStatisticsView(start, end, width, zone.getId(), statistics.of(externalId, start, end),
                statistics.series(externalId, start, end, width, zone));
    }

    private static Instant defaultStart(ZonedDateTime end, StatsInterval interval) {
        ZonedDateTime start = switch (interval) {
            case DAY -> end.minusDays(30);
            case WEEK -> end.minusWeeks(12);
            case MONTH -> end.minusMonths(12);
        };
        return start.toInstant();
    }
}
