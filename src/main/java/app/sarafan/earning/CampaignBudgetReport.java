package app.sarafan.earning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import app.sarafan.common.error.ProblemException;
import app.sarafan.common.money.Money;
import app.sarafan.common.time.AppClock;
import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleDefinition.Budget;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** What administrators see of a rule's campaign budget: the current period's consumption. */
@ApplicationScoped
class CampaignBudgetReport {

    private final RuleAdministration rules;
    private final EntityManager em;
    private final AppClock clock;

    CampaignBudgetReport(RuleAdministration rules, EntityManager em, AppClock clock) {
        this.rules = rules;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    CampaignBudgetView current(String ruleId) {
        RuleView rule = rules.get(ruleId);
        Budget budget = rule.definition().budget();
        if (budget == null) {
            throw ProblemException.notFound("Campaign budget of rule", ruleId);
        }
        LocalDate start = BudgetPeriods.startOf(budget.period(), clock.now());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT bonuses, grants FROM rule_budget_usage WHERE rule_id = ?1 AND period_start = ?2""")
                .setParameter(1, Long.parseLong(rule.id())).setParameter(2, start).getResultList();
        BigDecimal bonuses = rows.isEmpty() ? Money.ZERO : Money.exact((BigDecimal) rows.get(0)[0]);
        int grants = rows.isEmpty() ? 0 : ((Number) rows.get(0)[1]).intValue();
        return new CampaignBudgetView(rule.id(), budget, start, BudgetPeriods.endOf(budget.period(), start), bonuses,
                budget.bonuses() == null ? null : budget.bonuses().subtract(bonuses).max(Money.ZERO), grants,
                budget.grants() == null ? null : Math.max(budget.grants() - grants, 0),
                CampaignBudgets.percentUsed(budget, bonuses, grants));
    }
}
