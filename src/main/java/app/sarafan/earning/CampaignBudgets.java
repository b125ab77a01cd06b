package app.sarafan.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.sarafan.common.event.DomainEventType;
import app.sarafan.common.event.DomainEvents;
import app.sarafan.common.money.Money;
import app.sarafan.notification.OperatorAlertKind;
import app.sarafan.notification.OperatorAlerts;
import app.sarafan.rule.RuleDefinition.Budget;
import app.sarafan.rule.RuleDefinition.BudgetPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Rules' campaign budgets as grants use them. {@link #lock} takes the usage row of every budgeted rule an event
 * rewards, in rule order and after the recipients' accounts, so that racing events on any instance queue on it;
 * {@link #take} admits a reward only if it fits whole in what is left (a budget is never exceeded, and a grant is
 * never cut short); {@link #save} writes the new usage and announces the 80 % and 100 % thresholds once per period
 * (RULE_BUDGET_THRESHOLD, and an email to the operator address when one is configured). 100 % is also announced when
 * the first reward does not fit any more.
 */
@ApplicationScoped
class CampaignBudgets {

    static final int WARNING_PERCENT = 80;
    static final int FULL_PERCENT = 100;

    private final EntityManager em;
    private final DomainEvents events;
    private final OperatorAlerts operatorAlerts;

    CampaignBudgets(EntityManager em, DomainEvents events, OperatorAlerts operatorAlerts) {
        this.em = em;
        this.events = events;
        this.operatorAlerts = operatorAlerts;
    }

    /** One rule's usage in the current period, changed in memory by {@link #take} until {@link #save}. */
    static final class Usage {
        final long ruleId;
        final String ruleName;
        final Budget budget;
        final LocalDate periodStart;
        BigDecimal bonuses;
        int grants;
        int announcedPercent;
        boolean refused;
        boolean changed;

        Usage(long ruleId, String ruleName, Budget budget, LocalDate periodStart) {
            this.ruleId = ruleId;
            this.ruleName = ruleName;
            this.budget = budget;
            this.periodStart = periodStart;
        }

        int percentUsed() {
            return CampaignBudgets.percentUsed(budget, bonuses, grants);
        }
    }

    /** The larger of the shares of bonuses and of grants used, in percent, rounded down. */
    static int percentUsed(Budget budget, BigDecimal bonuses, int grants) {
        BigDecimal share = BigDecimal.ZERO;
        if (budget.bonuses() != null) {
            share = share.max(bonuses.divide(budget.bonuses(), 4, RoundingMode.DOWN));
        }
        if (budget.grants() != null) {
            share = share.max(BigDecimal.valueOf(grants).divide(BigDecimal.valueOf(budget.grants()), 4,
                    RoundingMode.DOWN));
        }
        return share.movePointRight(2).intValue();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Map<Long, Usage> lock(List<Plan> plans, Instant now) {
        TreeMap<Long, Plan> budgeted = new TreeMap<>();
        for (Plan plan : plans) {
            if (plan.rule().definition().budget() != null) {
                budgeted.putIfAbsent(plan.ruleId(), plan);
            }
        }
        Map<Long, Usage> usage = new HashMap<>();
        for (Plan plan : budgeted.values()) {
            Budget budget = plan.rule().definition().budget();
            LocalDate start = BudgetPeriods.startOf(budget.period(), now);
            em.createNativeQuery("""
                            INSERT INTO rule_budget_usage (rule_id, period_start, updated_at) VALUES (?1, ?2, ?3)
                            ON CONFLICT DO NOTHING""")
                    .setParameter(1, plan.ruleId()).setParameter(2, start).setParameter(3, Timestamp.from(now))
                    .executeUpdate();
            Object[] row = (Object[]) em.createNativeQuery("""
                            SELECT bonuses, grants, announced_percent FROM rule_budget_usage
                            WHERE rule_id = ?1 AND period_start = ?2 FOR UPDATE""")
                    .setParameter(1, plan.ruleId()).setParameter(2, start).getSingleResult();
            Usage u = new Usage(plan.ruleId(), plan.rule().definition().name(), budget, start);
            u.bonuses = Money.exact((BigDecimal) row[0]);
            u.grants = ((Number) row[1]).intValue();
            u.announcedPercent = ((Number) row[2]).intValue();
            usage.put(plan.ruleId(), u);
        }
        return usage;
    }

    /** Counts {@code plan} against its rule's budget; the reason it does not fit, or null when it does. */
    String take(Plan plan, Map<Long, Usage> usage) {
        Usage u = usage.get(plan.ruleId());
        if (u == null) {
            return null;
        }
        Budget budget = u.budget;
        if (budget.grants() != null && u.grants >= budget.grants()) {
            u.refused = true;
            return "the campaign budget of " + budget.grants() + (budget.grants() == 1 ? " grant" : " grants")
                    + per(budget.period()) + " is used up";
        }
        if (budget.bonuses() != null && u.bonuses.add(plan.amount()).compareTo(budget.bonuses()) > 0) {
            u.refused = true;
            return "the campaign budget of " + Money.format(budget.bonuses()) + " bonuses" + per(budget.period())
                    + " has " + Money.format(budget.bonuses().subtract(u.bonuses)) + " left, less than this reward";
        }
        u.bonuses = u.bonuses.add(plan.amount());
        u.grants++;
        u.changed = true;
        return null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void save(Map<Long, Usage> usage, Instant now) {
        List<DomainEvents.Published> announced = new ArrayList<>();
        for (Usage u : usage.values()) {
            int reached = u.refused ? FULL_PERCENT : u.percentUsed();
            int announce = u.announcedPercent;
            for (int threshold : new int[] {WARNING_PERCENT, FULL_PERCENT}) {
                if (reached >= threshold && announce < threshold) {
                    announce = threshold;
                    Map<String, Object> payload = payload(u, threshold);
                    announced.add(new DomainEvents.Published(DomainEventType.RULE_BUDGET_THRESHOLD, null, payload));
                    operatorAlerts.alert(OperatorAlertKind.RULE_BUDGET_THRESHOLD, payload);
                }
            }
            if (!u.changed && announce == u.announcedPercent) {
                continue;
            }
            em.createNativeQuery("""
                            UPDATE rule_budget_usage SET bonuses = ?1, grants = ?2, announced_percent = ?3,
                                updated_at = ?4
                            WHERE rule_id = ?5 AND period_start = ?6""")
                    .setParameter(1, u.bonuses).setParameter(2, u.grants).setParameter(3, announce)
                    .setParameter(4, Timestamp.from(now)).setParameter(5, u.ruleId).setParameter(6, u.periodStart)
                    .executeUpdate();
        }
        events.publishAll(announced);
    }

    private static Map<String, Object> payload(Usage u, int threshold) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("ruleId", String.valueOf(u.ruleId));
        payload.put("ruleName", u.ruleName);
        payload.put("threshold", threshold);
        payload.put("period", u.budget.period().name());
        payload.put("periodStart", u.periodStart.toString());
        LocalDate end = BudgetPeriods.endOf(u.budget.period(), u.periodStart);
        payload.put("periodEnd", end == null ? null : end.toString());
        payload.put("bonusesBudget", u.budget.bonuses() == null ? null : Money.format(u.budget.bonuses()));
        payload.put("bonusesUsed", Money.format(u.bonuses));
        payload.put("grantsBudget", u.budget.grants());
        payload.put("grantsUsed", u.grants);
        return payload;
    }

    private static String per(BudgetPeriod period) {
        return switch (period) {
            case LIFETIME -> "";
            case DAY -> " a day";
            case WEEK -> " a week";
            case MONTH -> " a month";
        };
    }
}
