package app.sarafan.withdrawal;

import java.util.Arrays;

import app.sarafan.common.error.ProblemException;

/** The {@code status} query parameter: one of the statuses, or none; anything else is a 400 naming it. */
final class WithdrawalStatusFilter {

    private WithdrawalStatusFilter() {
    }

    static WithdrawalStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return WithdrawalStatus.valueOf(status.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.toString(WithdrawalStatus.values()));
        }
    }
}
