package app.sarafan.earning;

import java.math.BigDecimal;
import java.time.LocalDate;

import app.sarafan.rule.RuleDefinition.Budget;

/**
 * A rule's campaign budget and what its current period has used: {@code bonusesLeft} / {@code grantsLeft} are null
 * for a dimension the budget does not limit; {@code periodEnd} (exclusive) is null for a LIFETIME budget.
 */
public record CampaignBudgetView(String ruleId, Budget budget, LocalDate periodStart, LocalDate periodEnd,
        BigDecimal bonusesUsed, BigDecimal bonusesLeft, int grantsUsed, Integer grantsLeft, int percentUsed) {
}
