package app.sarafan.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The width of one point of a statistics series, in the member's calendar; weeks start on Monday (ISO). */
public enum StatsInterval {
    DAY, WEEK, MONTH;

    /** The first day of the interval that contains {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    /** How many intervals a series from {@code first} to {@code last} (both days included) has. */
    public long pointsBetween(LocalDate first, LocalDate last) {
        return switch (this) {
            case DAY -> java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            case WEEK -> java.time.temporal.ChronoUnit.WEEKS.between(start(first), start(last)) + 1;
            case MONTH -> java.time.temporal.ChronoUnit.MONTHS.between(start(first), start(last)) + 1;
        };
    }

    /** PostgreSQL's name of the interval for date_trunc (its weeks start on Monday too). */
    String sqlUnit() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
