package app.sarafan.referral.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.money.MoneyText;
import app.sarafan.member.MemberCreate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Checks the values of one row with the rules the API applies elsewhere: externalId, email and name as
 * {@code POST /v1/members} checks them (the same constraints of {@link MemberCreate}), amounts as money (at most two
 * fractional digits, never rounded), instants as RFC 3339. A balance may be 0.00 (nothing is credited); a lot
 * must be at least 0.01 and must not have burnt already.
 */
@ApplicationScoped
class RowCheck {

    /** A row with its checked data, or with what is wrong with it (then data is null). */
    record Checked(int number, String externalId, String referrerExternalId, ImportRow data, List<FieldError> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Validator validator;

    RowCheck(Validator validator) {
        this.validator = validator;
    }

    Checked check(SourceRow row, Instant now) {
        List<FieldError> errors = new ArrayList<>(row.unreadable());
        MemberCreate member = new MemberCreate(row.externalId(), row.email(), row.name(), null, null, null, null,
                null, null, null, null, null);
        List<FieldError> memberErrors = new ArrayList<>();
        for (ConstraintViolation<MemberCreate> violation : validator.validate(member)) {
            memberErrors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        memberErrors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        errors.addAll(memberErrors);
        String referrer = row.referrerExternalId();
        if (referrer != null && (referrer.length() > 128 || !referrer.matches("[A-Za-z0-9._:@-]+"))) {
            errors.add(new FieldError("referrerExternalId", "is not an externalId (letters, digits and . _ : @ -, "
                    + "at most 128 characters)"));
        }
        List<ImportLot> lots = lots(row, now, errors);
        if (!errors.isEmpty()) {
            return new Checked(row.number(), row.externalId(), referrer, null, List.copyOf(errors));
        }
        return new Checked(row.number(), row.externalId(), referrer,
                new ImportRow(row.externalId(), referrer, null, row.email(), row.name(), lots), List.of());
    }

    private static List<ImportLot> lots(SourceRow row, Instant now, List<FieldError> errors) {
        if (row.balance() != null && row.lots() != null) {
            errors.add(new FieldError("lots", "give either balance or lots, not both"));
            return List.of();
        }
        List<ImportLot> lots = new ArrayList<>();
        if (row.balance() != null) {
            BigDecimal balance = amount("balance", row.balance(), errors);
            if (balance != null && balance.signum() < 0) {
                errors.add(new FieldError("balance", "must be 0.00 or more"));
            } else if (balance != null && balance.signum() > 0) {
                lots.add(new ImportLot(balance, null));
            }
        }
        if (row.lots() != null) {
            for (int i = 0; i < row.lots().size(); i++) {
                SourceRow.SourceLot lot = row.lots().get(i);
                String field = "lots[" + i + "]";
                BigDecimal amount = lot.amount() == null ? missing(field + ".amount", errors)
                        : amount(field + ".amount", lot.amount(), errors);
                if (amount != null && amount.signum() <= 0) {
                    errors.add(new FieldError(field + ".amount", "must be at least 0.01"));
                }
                Instant expiresAt = instant(field + ".expiresAt", lot.expiresAt(), errors);
                if (expiresAt != null && !expiresAt.isAfter(now)) {
                    errors.add(new FieldError(field + ".expiresAt",
                            "is not in the future: leave out bonuses that have already burnt"));
                }
                lots.add(new ImportLot(amount, expiresAt));
            }
        }
        return lots;
    }

    private static BigDecimal missing(String field, List<FieldError> errors) {
        errors.add(new FieldError(field, "must not be blank"));
        return null;
    }

    private static BigDecimal amount(String field, String text, List<FieldError> errors) {
        try {
            return MoneyText.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            // PostgreSQL keeps microseconds; the instant stored must be the one answered.
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 instant such as 2026-11-25T13:00:00Z"));
            return null;
        }
    }
}
