package app.sarafan.leaderboard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Calendar periods in UTC, as leaderboard_score keeps them: the current week (from Monday), month, or all time. */
public enum LeaderboardPeriod {
    WEEK, MONTH, ALL_TIME;

    static final LocalDate ALL_TIME_START = LocalDate.of(1970, 1, 1);

    LocalDate start(LocalDate today) {
        return switch (this) {
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case ALL_TIME -> ALL_TIME_START;
        };
    }

    /** The end of the period that starts on {@code start}; null for all time. */
    java.time.Instant end(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> start.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case ALL_TIME -> null;
        };
    }
}
