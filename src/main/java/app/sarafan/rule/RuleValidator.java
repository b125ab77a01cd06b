package app.sarafan.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import app.sarafan.common.error.FieldError;
import app.sarafan.rule.RuleDefinition.AmountType;
import app.sarafan.rule.RuleDefinition.Recipient;
import app.sarafan.rule.RuleDefinition.Reward;

/**
 * Checks what bean validation cannot: the combinations a rule's profile allows and the ranges of its values.
 * Every failing field is named ({@code rewards[1].levels[2].level}), so an administrator fixes a rule in one go.
 */
final class RuleValidator {

    private static final Pattern CATEGORY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _./&-]{0,99}");
    private static final Pattern SKU = Pattern.compile("[\\p{L}\\p{N}._:/-]{1,100}");
    /** As a rank's code is spelt (RankDefinition): a code spelt otherwise could never match a member's rank. */
    private static final Pattern RANK_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final List<FieldError> errors = new ArrayList<>();

    static List<FieldError> check(RuleDefinition rule) {
        RuleValidator validator = new RuleValidator();
        validator.validate(rule);
        return validator.errors;
    }

    private void validate(RuleDefinition rule) {
        if (rule.validFrom() != null && rule.validTo() != null && !rule.validTo().isAfter(rule.validFrom())) {
            fail("validTo", "must be after validFrom");
        }
        if (rule.delayDays() != null && (rule.delayDays() < 0 || rule.delayDays() > 3650)) {
            fail("delayDays", "must be 0 to 3650");
        }
        if (rule.lifetimeDays() != null && (rule.lifetimeDays() < 1 || rule.lifetimeDays() > 36500)) {
            fail("lifetimeDays", "must be 1 to 36500");
        }
        if (rule.lifetimeMonths() != null && (rule.lifetimeMonths() < 1 || rule.lifetimeMonths() > 1200)) {
            fail("lifetimeMonths", "must be 1 to 1200");
        }
        if (rule.lifetimeDays() != null && rule.lifetimeMonths() != null) {
            fail("lifetimeMonths", "give either lifetimeDays or lifetimeMonths, not both");
        }
        if ((rule.lifetimeDays() != null || rule.lifetimeMonths() != null) && rule.expiresOn() != null) {
            fail("expiresOn", "give either a lifetime (lifetimeDays, lifetimeMonths) or expiresOn, not both");
        }
        conditions(rule);
        limits(rule);
        budget(rule.budget());
        if (rule.grantsAward() != null && rule.profile() != RuleProfile.USER_ACHIEVEMENT
                && rule.profile() != RuleProfile.REFERRER_ACHIEVEMENT) {
            fail("grantsAward", "applies to achievement profiles only");
        }
        if (rule.profile().earning()) {
            rewards(rule);
            if (rule.spending() != null) {
                fail("spending", "applies to the PAY_WITH_BONUSES profile only");
            }
            if (rule.withdrawal() != null) {
                fail("withdrawal", "applies to the WITHDRAWAL profile only");
            }
        } else {
            if (rule.rewards() != null && !rule.rewards().isEmpty()) {
                fail("rewards", "a spending rule rewards nobody");
            }
            for (String earningOnly : List.of("delayDays", "lifetimeDays", "lifetimeMonths", "expiresOn", "limits",
                    "budget", "notifications")) {
                boolean given = switch (earningOnly) {
                    case "delayDays" -> rule.delayDays() != null;
                    case "lifetimeDays" -> rule.lifetimeDays() != null;
                    case "lifetimeMonths" -> rule.lifetimeMonths() != null;
                    case "expiresOn" -> rule.expiresOn() != null;
                    case "limits" -> rule.limits() != null;
                    case "budget" -> rule.budget() != null;
                    default -> rule.notifications() != null;
                };
                if (given) {
                    fail(earningOnly, "applies to earning rules only");
                }
            }
            if (rule.profile() == RuleProfile.PAY_WITH_BONUSES) {
                spending(rule.spending());
                if (rule.withdrawal() != null) {
                    fail("withdrawal", "applies to the WITHDRAWAL profile only");
                }
            } else {
                withdrawal(rule.withdrawal());
                if (rule.spending() != null) {
                    fail("spending", "applies to the PAY_WITH_BONUSES profile only");
                }
            }
        }
    }

    private void conditions(RuleDefinition rule) {
        RuleDefinition.Conditions c = rule.conditions();
        boolean achievement = rule.profile() == RuleProfile.USER_ACHIEVEMENT
                || rule.profile() == RuleProfile.REFERRER_ACHIEVEMENT;
        if (achievement && (c == null || c.threshold() == null)) {
            fail("conditions.threshold", "an achievement needs a threshold");
        }
        if (c == null) {
            return;
        }
        if (!achievement && c.threshold() != null) {
            fail("conditions.threshold", "applies to achievement profiles only");
        }
        if (c.threshold() != null && c.threshold().value() != null && c.threshold().value().signum() <= 0) {
            fail("conditions.threshold.value", "must be positive");
        }
        boolean orderConditions = c.minOrderAmount() != null || c.includeCategories() != null
                || c.excludeCategories() != null || c.includeSkus() != null || c.excludeSkus() != null
                || c.firstOrderOnly() != null || c.couponRequired() != null;
        if (orderConditions && !rule.profile().aboutOrders()) {
            fail("conditions", "order conditions apply to order profiles only");
        }
        if (c.minOrderAmount() != null && c.minOrderAmount().signum() < 0) {
            fail("conditions.minOrderAmount", "must not be negative");
        }
        names("conditions.includeCategories", c.includeCategories(), CATEGORY);
        names("conditions.excludeCategories", c.excludeCategories(), CATEGORY);
        skus("conditions.includeSkus", c.includeSkus());
        skus("conditions.excludeSkus", c.excludeSkus());
        rankCodes(c.memberRanks());
    }

    private void rankCodes(List<String> codes) {
        if (codes == null) {
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == null || !RANK_CODE.matcher(codes.get(i)).matches()) {
                fail("conditions.memberRanks[" + i + "]", "is not a rank code (UPPER_SNAKE_CASE, up to 32 characters)");
            }
        }
    }

    private void rewards(RuleDefinition rule) {
        if (rule.rewards() == null || rule.rewards().isEmpty()) {
            fail("rewards", "an earning rule needs at least one reward");
            return;
        }
        for (int i = 0; i < rule.rewards().size(); i++) {
            reward("rewards[" + i + "]", rule.rewards().get(i), rule.profile());
        }
    }

    private void reward(String field, Reward reward, RuleProfile profile) {
        if (reward.type() == AmountType.PERCENT && !profile.aboutOrders()) {
            fail(field + ".type", "a percent needs an order to take it of");
        }
        if (reward.type() == AmountType.PER_PRODUCT) {
            if (!profile.aboutOrders()) {
                fail(field + ".type", "per-product amounts need an order");
            }
            if (reward.perSku() == null || reward.perSku().isEmpty()) {
                fail(field + ".perSku", "must name at least one SKU and its amount");
            } else {
                for (Map.Entry<String, BigDecimal> sku : reward.perSku().entrySet()) {
                    if (!SKU.matcher(sku.getKey()).matches()) { // same syntax as skus()
                        fail(field + ".perSku." + sku.getKey(), "is not a valid SKU");
                    }
                    amount(field + ".perSku." + sku.getKey(), sku.getValue(), AmountType.FIXED);
                }
            }
        }
        if (reward.recipient() == Recipient.RIGHTS_HOLDER && profile != RuleProfile.RIGHTS_HOLDER) {
            fail(field + ".recipient", "RIGHTS_HOLDER is the recipient of the RIGHTS_HOLDER profile only");
        }
        if (reward.recipient() == Recipient.REFERRER) {
            levels(field, reward);
        } else {
            if (reward.levels() != null && !reward.levels().isEmpty()) {
                fail(field + ".levels", "only REFERRER rewards have levels");
            }
            if (reward.type() != AmountType.PER_PRODUCT) {
                amount(field + ".value", reward.value(), reward.type());
            }
        }
    }

    private void levels(String field, Reward reward) {
        if (reward.levels() == null || reward.levels().isEmpty()) {
            fail(field + ".levels", "a REFERRER reward names its levels, starting at 1");
            return;
        }
        if (reward.value() != null) {
            fail(field + ".value", "a REFERRER reward has a value per level, in levels");
        }
        TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < reward.levels().size(); i++) {
            RuleDefinition.LevelValue level = reward.levels().get(i);
            String at = field + ".levels[" + i + "]";
            if (level.level() == null || level.level() < 1) {
                fail(at + ".level", "must be 1 or more");
                continue;
            }
            if (!seen.add(level.level())) {
                fail(at + ".level", "level " + level.level() + " is given twice");
            }
            if (reward.type() != AmountType.PER_PRODUCT) {
                amount(at + ".value", level.value(), reward.type());
            }
        }
        if (!seen.isEmpty() && seen.last() != seen.size()) {
            fail(field + ".levels", "levels must be 1.." + seen.last() + " without gaps");
        }
    }

    private void amount(String field, BigDecimal value, AmountType type) {
        if (value == null) {
            fail(field, "is required");
        } else if (type == AmountType.PERCENT
                && (value.signum() <= 0 || value.compareTo(HUNDRED) > 0)) {
            fail(field, "must be a percent above 0 and at most 100");
        } else if (type != AmountType.PERCENT && value.signum() <= 0) {
            fail(field, "must be positive");
        }
    }

    private void limits(RuleDefinition rule) {
        RuleDefinition.Limits l = rule.limits();
        if (l == null) {
            return;
        }
        positive("limits.perMember", l.perMember());
        positive("limits.perPeriod", l.perPeriod());
        positive("limits.periodDays", l.periodDays());
        positive("limits.rewardedReferrals", l.rewardedReferrals());
        if ((l.perPeriod() == null) != (l.periodDays() == null)) {
            fail("limits.periodDays", "perPeriod and periodDays go together");
        }
    }

    private void budget(RuleDefinition.Budget b) {
        if (b == null) {
            return;
        }
        if (b.bonuses() == null && b.grants() == null) {
            fail("budget", "give bonuses, grants or both");
        }
        if (b.bonuses() != null && b.bonuses().signum() <= 0) {
            fail("budget.bonuses", "must be positive");
        }
        positive("budget.grants", b.grants());
    }

    private void spending(RuleDefinition.SpendingTerms s) {
        if (s == null) {
            fail("spending", "a PAY_WITH_BONUSES rule needs its spending terms");
            return;
        }
        if (s.maxPercent() == null || s.maxPercent().signum() <= 0 || s.maxPercent().compareTo(HUNDRED) > 0) {
            fail("spending.maxPercent", "must be a percent above 0 and at most 100");
        }
        if (s.minOrderAmount() != null && s.minOrderAmount().signum() < 0) {
            fail("spending.minOrderAmount", "must not be negative");
        }
        names("spending.excludedCategories", s.excludedCategories(), CATEGORY);
    }

    private void withdrawal(RuleDefinition.WithdrawalTerms w) {
        if (w == null) {
            fail("withdrawal", "a WITHDRAWAL rule needs its withdrawal terms");
            return;
        }
        if (w.minAmount() != null && w.minAmount().signum() < 0) {
            fail("withdrawal.minAmount", "must not be negative");
        }
        for (String name : List.of("maxPerDay", "maxPerMonth")) {
            BigDecimal value = "maxPerDay".equals(name) ? w.maxPerDay() : w.maxPerMonth();
            if (value != null && value.signum() <= 0) {
                fail("withdrawal." + name, "must be positive");
            }
        }
        if (w.feePercent() != null && (w.feePercent().signum() < 0 || w.feePercent().compareTo(HUNDRED) >= 0)) {
            fail("withdrawal.feePercent", "must be at least 0 and below 100");
        }
        if (w.feeFixed() != null && w.feeFixed().signum() < 0) {
            fail("withdrawal.feeFixed", "must not be negative");
        }
        if (w.withdrawableKinds() != null) {
            if (w.withdrawableKinds().isEmpty()) {
                fail("withdrawal.withdrawableKinds", "name at least one origin, or leave it out to allow all");
            }
            for (int i = 0; i < w.withdrawableKinds().size(); i++) {
                if (w.withdrawableKinds().get(i) == null) {
                    fail("withdrawal.withdrawableKinds[" + i + "]", "must be one of "
                            + java.util.Arrays.toString(BonusOrigin.values()));
                }
            }
        }
        if (w.maxPerDay() != null && w.maxPerMonth() != null && w.maxPerDay().compareTo(w.maxPerMonth()) > 0) {
            fail("withdrawal.maxPerDay", "must not be above maxPerMonth");
        }
        if (w.minAmount() != null && w.maxPerDay() != null && w.minAmount().compareTo(w.maxPerDay()) > 0) {
            fail("withdrawal.minAmount", "must not be above maxPerDay");
        }
    }

    private void names(String field, List<String> values, Pattern syntax) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !syntax.matcher(values.get(i)).matches()) {
                fail(field + "[" + i + "]", "is not a valid name (letters, digits, space _ . / & -, up to 100)");
            }
        }
    }

    private void skus(String field, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !SKU.matcher(values.get(i)).matches()) {
                fail(field + "[" + i + "]", "is not a valid SKU (letters, digits and . _ : / -, up to 100)");
            }
        }
    }

    private void positive(String field, Integer value) {
        if (value != null && (value < 1 || value > 1_000_000)) {
            fail(field, "must be 1 to 1000000");
        }
    }

    private void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
