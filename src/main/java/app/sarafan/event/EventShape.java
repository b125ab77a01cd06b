package app.sarafan.event;

import java.util.ArrayList;
import java.util.List;

import app.sarafan.common.error.FieldError;
import app.sarafan.common.error.Problem;
import app.sarafan.common.error.ProblemException;

/** Which parts of an event its type requires, and which it must not carry: every missing part named at once. */
final class EventShape {

    private EventShape() {
    }

    static void check(ShopEventRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ShopEventType type = request.type();
        if (type.aboutOrder() && request.order() == null) {
            errors.add(new FieldError("order", "is required for " + type));
        }
        if (!type.aboutOrder() && request.order() != null) {
            errors.add(new FieldError("order", "applies to ORDER_* events only"));
        }
        if (type != ShopEventType.ORDER_REFUNDED && request.refund() != null) {
            errors.add(new FieldError("refund", "applies to ORDER_REFUNDED only"));
        }
        if (type == ShopEventType.REVIEW_PUBLISHED && request.review() == null) {
            errors.add(new FieldError("review", "is required for REVIEW_PUBLISHED"));
        }
        if (type == ShopEventType.EXTERNAL_BONUS && request.bonus() == null) {
            errors.add(new FieldError("bonus", "is required for EXTERNAL_BONUS"));
        }
        if (type != ShopEventType.MEMBER_REGISTERED && request.member() != null) {
            errors.add(new FieldError("member", "applies to MEMBER_REGISTERED only"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }
}
