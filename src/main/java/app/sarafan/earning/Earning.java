package app.sarafan.earning;

import java.math.BigDecimal;

import app.sarafan.common.time.AppClock;
import app.sarafan.rule.RuleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The earning engine as the shop events use it: apply the rules of a profile to what happened, measure
 * achievements afterwards, and take back what an order earned when it is cancelled or refunded. Always inside the
 * event's transaction, so an event either does all of this or nothing.
 */
@ApplicationScoped
public class Earning {

    private final RuleEngine engine;
    private final RuleCatalog catalog;
    private final Grants grants;
    private final OrderReversal reversal;
    private final AppClock clock;
    private final jakarta.enterprise.event.Event<AchievementReached> achieved;

    Earning(RuleEngine engine, RuleCatalog catalog, Grants grants, OrderReversal reversal, AppClock clock,
            jakarta.enterprise.event.Event<AchievementReached> achieved) {
        this.engine = engine;
        this.catalog = catalog;
        this.grants = grants;
        this.reversal = reversal;
        this.clock = clock;
        this.achieved = achieved;
    }

    /** Credits what the rules of the trigger's profile call for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EarningOutcome earn(Trigger trigger) {
        var now = clock.now();
        RuleEngine.Planned planned = engine.plan(trigger, now);
        EarningOutcome outcome = grants.grant(trigger, planned.plans(), now);
        outcome.skipped().addAll(planned.skipped());
        planned.awards().forEach(achieved::fire);
        return outcome;
    }

    /** How many levels of referrers the rules of these profiles in force now credit, at most (0 when none do). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int referralDepth(RuleProfile... profiles) {
        var now = clock.now();
        int depth = 0;
        for (RuleProfile profile : profiles) {
            depth = Math.max(depth, catalog.referralDepth(profile, now));
        }
        return depth;
    }

    /**
     * Achievements of {@code achiever} (USER_ACHIEVEMENT) or of their direct referrer (REFERRER_ACHIEVEMENT), each
     * granted once per rule when its threshold is reached.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EarningOutcome achievements(Trigger cause, long achiever, Long referrer) {
        EarningOutcome outcome = earn(cause.withProfile(RuleProfile.USER_ACHIEVEMENT, achiever,
                "achievement:" + achiever));
        if (referrer != null) {
            outcome.add(earn(cause.withProfile(RuleProfile.REFERRER_ACHIEVEMENT, referrer,
                    "achievement:" + referrer)));
        }
        return outcome;
    }

    /** Takes back what the order earned down to the share of it that still stands (1 = all of it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public EarningOutcome reverseOrder(String orderId, BigDecimal refundedShare, String eventId, String actor,
            String why) {
        return reversal.reverseTo(orderId, refundedShare, eventId, actor, why);
    }
}
