package app.sarafan.withdrawal;

import java.math.BigDecimal;
import java.util.List;

import app.sarafan.rule.BonusOrigin;

/**
 * What a member may withdraw now: {@code withdrawable} counts only bonuses of the allowed origins that are available
 * and not held by open requests, and never more than what is left of today's and this month's limits.
 * {@code offered} is false when no withdrawal rule is in force.
 */
public record WithdrawalTermsView(
        boolean offered,
        BigDecimal available,
        BigDecimal withdrawable,
        BigDecimal minAmount,
        BigDecimal maxPerDay,
        BigDecimal remainingToday,
        BigDecimal maxPerMonth,
        BigDecimal remainingThisMonth,
        List<BonusOrigin> withdrawableKinds,
        BigDecimal feePercent,
        BigDecimal feeFixed) {
}
