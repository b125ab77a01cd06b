package app.sarafan.earning;

import java.math.BigDecimal;

import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.rule.RuleProfile;

/**
 * Something that may earn bonuses under the rules of one profile: who did it (the subject), the shop event that
 * reported it, and what the rules look at. {@code scope} names the thing a reward is granted once for ("order:o-1",
 * "member:42", "review:42:r-7"); {@code amount} is the amount an outside system sent (external bonuses).
 * {@code source} is what the credits name as their cause: the shop event, or the job that granted them.
 */
public record Trigger(RuleProfile profile, long subjectId, String eventId, String actor, String scope,
        OrderFacts order, BigDecimal amount, String reasonText, Source source) {

    /** A trigger reported by the shop event {@code eventId}. */
    public Trigger(RuleProfile profile, long subjectId, String eventId, String actor, String scope, OrderFacts order,
            BigDecimal amount, String reasonText) {
        this(profile, subjectId, eventId, actor, scope, order, amount, reasonText,
                new Source(SourceType.EVENT, eventId, actor));
    }

    /**
     * A trigger of a job (a birthday): {@code runKey} stands for the event id in what the grants record, and the
     * credits name {@code source}.
     */
    public static Trigger ofJob(RuleProfile profile, long subjectId, String runKey, String scope, Source source) {
        return new Trigger(profile, subjectId, runKey, source.actor(), scope, null, null, null, source);
    }

    public static Trigger of(RuleProfile profile, long subjectId, String eventId, String actor, String scope) {
        return new Trigger(profile, subjectId, eventId, actor, scope, null, null, null);
    }

    public String orderId() {
        return order == null ? null : order.orderId();
    }

    /** A trigger of another profile caused by this one (an achievement): no order, no amount of its own. */
    public Trigger withProfile(RuleProfile other, long subject, String otherScope) {
        return new Trigger(other, subject, eventId, actor, otherScope, null, null, null, source);
    }
}
