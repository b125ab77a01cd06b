package app.sarafan.referral.imports;

import java.util.List;

import app.sarafan.common.error.FieldError;

/** A row that cannot be imported, and why; thrown inside the row's transaction so that nothing of it is kept. */
class RowRejected extends RuntimeException {

    private final List<FieldError> errors;

    RowRejected(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.errors = List.of(new FieldError(field, message));
    }

    List<FieldError> errors() {
        return errors;
    }
}
