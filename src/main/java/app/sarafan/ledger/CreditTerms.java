package app.sarafan.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;

/**
 * When credited bonuses become available and when they burn, as administrators give it (manual adjustments, mass
 * operations): {@code delayDays} of pending from now, then {@code lifetimeDays} or an absolute {@code expiresAt}.
 */
public record CreditTerms(Instant availableFrom, Instant expiresAt) {

    /** Checks the request's terms and answers the instants; a bad combination is a 400 naming the field. */
    public static CreditTerms of(Integer delayDays, Integer lifetimeDays, Instant expiresAt, Instant now) {
        Instant availableFrom = delayDays == null || delayDays == 0 ? null : now.plus(Duration.ofDays(delayDays));
        Instant from = availableFrom == null ? now : availableFrom;
        if (lifetimeDays != null && expiresAt != null) {
            throw ProblemException.invalid("expiresAt", "give either lifetimeDays or expiresAt, not both");
        }
        if (expiresAt != null && !expiresAt.isAfter(from)) {
            throw ProblemException.invalid("expiresAt", "must be after the bonuses become available (" + from + ")");
        }
        return new CreditTerms(availableFrom, lifetimeDays != null ? from.plus(Duration.ofDays(lifetimeDays))
                : expiresAt);
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
