package app.sarafan.earning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.sarafan.member.MemberRef;
import app.sarafan.member.MemberService;
import app.sarafan.referral.ReferralTree;
import app.sarafan.rule.RuleDefinition;
import app.sarafan.rule.RuleDefinition.Conditions;
import app.sarafan.rule.RuleDefinition.LevelValue;
import app.sarafan.rule.RuleDefinition.Reward;
import app.sarafan.rank.MemberMetrics;
import app.sarafan.rank.MemberStanding;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the rules in force for a trigger and says which rewards they call for. Every matching rule applies: rules
 * add up (to pay a rank more instead of in addition, give each rule its ranks). Nothing is written here.
 */
@ApplicationScoped
class RuleEngine {

    private final RuleCatalog catalog;
    private final ReferralTree tree;
    private final MemberService members;
    private final MemberMetrics metrics;
    private final MemberStanding standing;

    RuleEngine(RuleCatalog catalog, ReferralTree tree, MemberService members, MemberMetrics metrics,
            MemberStanding standing) {
        this.catalog = catalog;
        this.tree = tree;
        this.members = members;
        this.metrics = metrics;
        this.standing = standing;
    }

    /** What the rules call for: rewards, rewards withheld, and awards that achievement rules grant. */
    record Planned(List<Plan> plans, List<Skipped> skipped, List<AchievementReached> awards) {
    }

    Planned plan(Trigger trigger, Instant now) {
        List<Plan> plans = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<AchievementReached> awards = new ArrayList<>();
        for (RuleView rule : catalog.inForce(trigger.profile(), now)) {
            RuleDefinition definition = rule.definition();
            if (!applies(definition, trigger)) {
                continue;
            }
            if (definition.grantsAward() != null) {
                awards.add(new AchievementReached(trigger.subjectId(), definition.grantsAward(), definition.name()));
            }
            List<Reward> rewards = definition.rewards() == null ? List.of() : definition.rewards();
            for (Reward reward : rewards) {
                switch (reward.recipient()) {
                    case MEMBER -> member(rule, reward, trigger).ifPresent(plans::add);
                    case REFERRER -> plans.addAll(referrers(rule, reward, trigger));
                    case RIGHTS_HOLDER -> rightsHolders(rule, reward, trigger, plans, skipped);
                }
            }
        }
        return new Planned(plans, skipped, awards);
    }

    private boolean applies(RuleDefinition rule, Trigger trigger) {
        Conditions c = rule.conditions();
        if (c == null) {
            return true;
        }
        if (c.memberRanks() != null && !c.memberRanks().isEmpty()
                && !c.memberRanks().contains(standing.rankOf(trigger.subjectId()))) {
            return false;
        }
        if (c.threshold() != null && metrics.of(trigger.subjectId(), c.threshold().metric())
                .compareTo(c.threshold().value()) < 0) {
            return false;
        }
        OrderFacts order = trigger.order();
        if (order == null) {
            return true;
        }
        if (c.minOrderAmount() != null && order.total().compareTo(c.minOrderAmount()) < 0) {
            return false;
        }
        if (Boolean.TRUE.equals(c.firstOrderOnly()) && !order.firstOrder()) {
            return false;
        }
        if (Boolean.TRUE.equals(c.couponRequired()) && order.couponCode() == null) {
            return false;
        }
        return !RewardMath.restrictsLines(c) || !RewardMath.eligibleLines(c, order.lines()).isEmpty();
    }

    private Optional<Plan> member(RuleView rule, Reward reward, Trigger trigger) {
        BigDecimal exact;
        if (trigger.amount() != null) {
            // An external bonus: the amount the outside system sent, up to the rule's value per event.
            exact = reward.value() == null ? trigger.amount() : trigger.amount().min(reward.value());
        } else {
            exact = amount(rule, reward.type(), reward.value(), reward.perSku(), trigger);
        }
        return plan(rule, trigger.subjectId(), Role.MEMBER, null, exact, trigger,
                describe(rule, trigger, null));
    }

    private List<Plan> referrers(RuleView rule, Reward reward, Trigger trigger) {
        if (Boolean.TRUE.equals(reward.firstPaymentOnly())
                && (trigger.order() == null || !trigger.order().firstOrder())) {
            return List.of();
        }
        Map<Integer, LevelValue> byLevel = new LinkedHashMap<>();
        reward.levels().forEach(l -> byLevel.put(l.level(), l));
        List<Plan> plans = new ArrayList<>();
        for (ReferralTree.Upline upline : tree.upline(trigger.subjectId(), byLevel.size())) {
            LevelValue level = byLevel.get(upline.level());
            // PER_PRODUCT pays the per-SKU amounts at every level it names; the others take the level's value.
            BigDecimal value = reward.type() == RuleDefinition.AmountType.PER_PRODUCT ? null : level.value();
            BigDecimal exact = amount(rule, reward.type(), value, reward.perSku(), trigger);
            plan(rule, upline.memberId(), Role.REFERRER, upline.level(), exact, trigger,
                    describe(rule, trigger, upline.level())).ifPresent(plans::add);
        }
        return plans;
    }

    private void rightsHolders(RuleView rule, Reward reward, Trigger trigger, List<Plan> plans,
            List<Skipped> skipped) {
        OrderFacts order = trigger.order();
        if (order == null) {
            return;
        }
        Map<String, BigDecimal> byHolder = new LinkedHashMap<>();
        for (OrderFacts.Line line : RewardMath.eligibleLines(rule.definition().conditions(), order.lines())) {
            if (line.rightsHolder() == null) {
                continue;
            }
            BigDecimal exact = RewardMath.exactAmount(reward.type(), reward.value(), reward.perSku(),
                    RewardMath.lineBase(order, line), List.of(line));
            byHolder.merge(line.rightsHolder(), exact, BigDecimal::add);
        }
        byHolder.forEach((holder, exact) -> {
            Optional<MemberRef> ref = members.find(holder);
            if (ref.isEmpty()) {
                skipped.add(new Skipped(rule.id(), holder, Role.RIGHTS_HOLDER, null,
                        "the rights holder is not a member"));
                return;
            }
            plan(rule, ref.get().id(), Role.RIGHTS_HOLDER, null, exact, trigger, describe(rule, trigger, null))
                    .ifPresent(plans::add);
        });
    }

    private static BigDecimal amount(RuleView rule, RuleDefinition.AmountType type, BigDecimal value,
            Map<String, BigDecimal> perSku, Trigger trigger) {
        OrderFacts order = trigger.order();
        if (order == null) {
            return type == RuleDefinition.AmountType.FIXED ? value : BigDecimal.ZERO;
        }
        List<OrderFacts.Line> eligible = RewardMath.eligibleLines(rule.definition().conditions(), order.lines());
        return RewardMath.exactAmount(type, value, perSku, RewardMath.base(order, eligible), eligible);
    }

    private static Optional<Plan> plan(RuleView rule, long recipient, Role role, Integer level, BigDecimal exact,
            Trigger trigger, String description) {
        BigDecimal amount = RewardMath.round(exact);
        if (amount.signum() <= 0) {
            return Optional.empty();
        }
        String key = "r" + rule.id() + ":" + trigger.scope() + ":" + role + (level == null ? "" : level) + ":"
                + recipient;
        return Optional.of(new Plan(rule, recipient, role, level, amount, key, description));
    }

    private static String describe(RuleView rule, Trigger trigger, Integer level) {
        StringBuilder text = new StringBuilder(rule.definition().name());
        if (level != null) {
            text.append(", referral level ").append(level);
        }
        if (trigger.orderId() != null) {
            text.append(", order ").append(trigger.orderId());
        }
        if (trigger.reasonText() != null) {
            text.append(": ").append(trigger.reasonText());
        }
        return text.length() > 500 ? text.substring(0, 500) : text.toString();
    }
}
