package app.sarafan.referral;

import java.time.Instant;
import java.util.List;

/** The answer to a binding attempt: the outcome, and for a binding the referrer and how they were found. */
public record Binding(BindingOutcome outcome, String referrerExternalId, BindingChannel via, String source,
        Instant boundAt, List<String> reviewReasons) {

    static Binding refused(BindingOutcome outcome) {
        return new Binding(outcome, null, null, null, null, List.of());
    }
}
