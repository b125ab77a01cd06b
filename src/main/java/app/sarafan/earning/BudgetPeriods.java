package app.sarafan.earning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import app.sarafan.rule.RuleDefinition.BudgetPeriod;

/** The budget period an instant falls in: UTC calendar days, ISO weeks from Monday, calendar months, or all time. */
final class BudgetPeriods {

    /** Where a LIFETIME budget's one period starts. */
    static final LocalDate LIFETIME_START = LocalDate.of(1970, 1, 1);

    private BudgetPeriods() {
    }

    static LocalDate startOf(BudgetPeriod period, Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        return switch (period) {
            case LIFETIME -> LIFETIME_START;
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The start of the next period (its end, exclusive); null for LIFETIME. */
    static LocalDate endOf(BudgetPeriod period, LocalDate start) {
        return switch (period) {
            case LIFETIME -> null;
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
