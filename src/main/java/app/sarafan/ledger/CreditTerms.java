package app.sarafan.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;

/**
 * When credited bonuses become available and when they burn — the one rule, whatever grants them (shop events,
 * jobs, mass operations, imports, adjustments):
 * <ul>
 *   <li>{@code delayDays}: pending for that many days of 24 hours from the grant, then available;</li>
 *   <li>a lifetime counts from when they become available: {@code lifetimeDays} of 24 hours, or
 *       {@code lifetimeMonths} calendar months in UTC (the same day of the month, or the month's last day when it
 *       is shorter: 31 January + 1 month = 28 or 29 February), at the same time of day;</li>
 *   <li>an expiry date ({@code expiresOn}) burns them at the end of that day in UTC, that is at 00:00 UTC of the
 *       next day, for every member whatever their time zone;</li>
 *   <li>an absolute {@code expiresAt} (adjustments, mass operations, imports) is that instant.</li>
 * </ul>
 * Here for the instants given by administrators (manual adjustments, mass operations); {@link #burnsAt} for rules.
 */
public record CreditTerms(Instant availableFrom, Instant expiresAt) {

    /** When bonuses available from {@code availableFrom} burn under a lifetime or an expiry date; null: never. */
    public static Instant burnsAt(Instant availableFrom, Integer lifetimeDays, Integer lifetimeMonths,
            LocalDate expiresOn) {
        if (lifetimeDays != null) {
            return availableFrom.plus(Duration.ofDays(lifetimeDays));
        }
        if (lifetimeMonths != null) {
            return availableFrom.atZone(ZoneOffset.UTC).plusMonths(lifetimeMonths).toInstant();
        }
        return expiresOn == null ? null : endOf(expiresOn);
    }

    /** The end of a day, in UTC: what an expiry date means. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When bonuses granted at {@code now} with {@code delayDays} become available: null (at once) without delay. */
    public static Instant availableFrom(Integer delayDays, Instant now) {
        return delayDays == null || delayDays == 0 ? null : now.plus(Duration.ofDays(delayDays));
    }

    /** Checks the request's terms and answers the instants; a bad combination is a 400 naming the field. */
    public static CreditTerms of(Integer delayDays, Integer lifetimeDays, Instant expiresAt, Instant now) {
        Instant availableFrom = availableFrom(delayDays, now);
        Instant from = availableFrom == null ? now : availableFrom;
        if (lifetimeDays != null && expiresAt != null) {
            throw ProblemException.invalid("expiresAt", "give either lifetimeDays or expiresAt, not both");
        }
        if (expiresAt != null && !expiresAt.isAfter(from)) {
            throw ProblemException.invalid("expiresAt", "must be after the bonuses become available (" + from + ")");
        }
        return new CreditTerms(availableFrom, expiresAt != null ? expiresAt : burnsAt(from, lifetimeDays, null, null));
    }

    /** A debit has no terms: any of them is a 400 naming each one given. */
    public static void refuseOnDebit(Integer delayDays, Integer lifetimeDays, Instant expiresAt) {
        List<FieldError> errors = new ArrayList<>();
        if (lifetimeDays != null) {
            errors.add(new FieldError("lifetimeDays", "applies to a CREDIT only"));
        }
        if (expiresAt != null) {
            errors.add(new FieldError("expiresAt", "applies to a CREDIT only"));
        }
        if (delayDays != null) {
            errors.add(new FieldError("delayDays", "applies to a CREDIT only"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }
}
