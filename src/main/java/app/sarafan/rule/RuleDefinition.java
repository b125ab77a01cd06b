package app.sarafan.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A rule as administrators write it. Which parts apply depends on the profile; {@link RuleValidator} checks the
 * combination and names every failing field. Stored as JSON in each rule version.
 */
@RegisterForReflection
public record RuleDefinition(
        @NotBlank @Size(max = 200) String name,
        @NotNull RuleProfile profile,
        Boolean active,
        @Min(0) @Max(1000) Integer priority,
        Instant validFrom,
        Instant validTo,
        @Valid Conditions conditions,
        @Size(max = 20) List<@Valid @NotNull Reward> rewards,
        Integer delayDays,
        Integer lifetimeDays,
        Integer lifetimeMonths,
        LocalDate expiresOn,
        @Valid Limits limits,
        @Valid Budget budget,
        @Valid Notify notifications,
        @Valid SpendingTerms spending,
        @Valid WithdrawalTerms withdrawal,
        @Size(max = 32) String grantsAward) {

    /** The same rule with the defaults written out: active, priority 100. */
    RuleDefinition withDefaults() {
        return new RuleDefinition(name.trim(), profile, active == null ? Boolean.TRUE : active,
                priority == null ? 100 : priority, validFrom, validTo, conditions, rewards, delayDays, lifetimeDays,
                lifetimeMonths, expiresOn, limits, budget == null ? null : budget.withDefaults(), notifications, spending,
                withdrawal, grantsAward);
    }

    /** When the rule applies. All optional; an empty condition set always applies. */
    @RegisterForReflection
    public record Conditions(
            BigDecimal minOrderAmount,
            @Size(max = 200) List<String> includeCategories,
            @Size(max = 200) List<String> excludeCategories,
            @Size(max = 1000) List<String> includeSkus,
            @Size(max = 1000) List<String> excludeSkus,
            @Size(max = 50) List<String> memberRanks,
            Boolean firstOrderOnly,
            Boolean couponRequired,
            @Valid Threshold threshold) {
    }

    /** For achievements: the metric that must reach the value (once per member). */
    @RegisterForReflection
    public record Threshold(@NotNull Metric metric, @NotNull BigDecimal value) {
    }

    public enum Metric {
        TOTAL_SPENT, PAID_ORDERS, PAYING_REFERRALS, BONUSES_EARNED
    }

    /**
     * Who gets how much. REFERRER rewards name each rewarded level of the upline (1 = the direct referrer) with its
     * own value; MEMBER and RIGHTS_HOLDER rewards have one value.
     */
    @RegisterForReflection
    public record Reward(
            @NotNull Recipient recipient,
            @NotNull AmountType type,
            BigDecimal value,
            @Size(max = 1000) Map<String, BigDecimal> perSku,
            @Size(max = 100) List<@Valid @NotNull LevelValue> levels,
            Boolean firstPaymentOnly) {
    }

    @RegisterForReflection
    public record LevelValue(@NotNull Integer level, @NotNull BigDecimal value) {
    }

    public enum Recipient {
        MEMBER, REFERRER, RIGHTS_HOLDER
    }

    /** FIXED bonuses, a PERCENT of the base (the paid amount net of bonuses spent), or fixed PER_PRODUCT unit. */
    public enum AmountType {
        FIXED, PERCENT, PER_PRODUCT
    }

    @RegisterForReflection
    public record Limits(Integer perMember, Integer perPeriod, Integer periodDays, Integer rewardedReferrals) {
    }

    /**
     * A campaign budget: at most {@code bonuses} credited and/or {@code grants} rewards by the rule within each
     * period, for all members together. Periods are UTC calendar days, ISO weeks (from Monday), calendar months, or
     * the rule's whole life (LIFETIME, the default).
     */
    @RegisterForReflection
    public record Budget(BigDecimal bonuses, Integer grants, BudgetPeriod period) {

        Budget withDefaults() {
            return new Budget(bonuses, grants, period == null ? BudgetPeriod.LIFETIME : period);
        }
    }

    public enum BudgetPeriod {
        LIFETIME, DAY, WEEK, MONTH
    }

    @RegisterForReflection
    public record Notify(Boolean member, Boolean referrer) {
    }

    /** Profile 12: how much of an order bonuses may pay. */
    @RegisterForReflection
    public record SpendingTerms(BigDecimal maxPercent, BigDecimal minOrderAmount,
            @Size(max = 200) List<String> excludedCategories) {
    }

    /**
     * Profile 13: what may be withdrawn, how often, at what fee. {@code withdrawableKinds} null means bonuses of every
     * origin; the fee (fixed plus a percent of the amount) is taken from the amount withdrawn.
     */
    @RegisterForReflection
    public record WithdrawalTerms(BigDecimal minAmount, BigDecimal maxPerDay, BigDecimal maxPerMonth,
            List<BonusOrigin> withdrawableKinds, BigDecimal feePercent, BigDecimal feeFixed) {
    }
}
