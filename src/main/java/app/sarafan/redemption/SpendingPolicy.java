package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import app.sarafan.common.money.Money;
import app.sarafan.rule.RuleAdministration;
import app.sarafan.rule.RuleDefinition;
import app.sarafan.rule.RuleProfile;
import app.sarafan.rule.RuleView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pay-with-bonuses rule applied to a cart ({@link RuleAdministration#deciding}: the highest priority in force,
 * the newest on a tie). The percent is taken of the eligible total (lines of excluded categories
 * do not count, category names compared ignoring case), rounded HALF_UP to the cent; the minimum order is compared
 * with the whole order total.
 */
@ApplicationScoped
class SpendingPolicy {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final RuleAdministration rules;

    SpendingPolicy(RuleAdministration rules) {
        this.rules = rules;
    }

    Optional<RuleView> ruleInForce(Instant now) {
        return rules.deciding(RuleProfile.PAY_WITH_BONUSES, now);
    }

    static Quote quote(String externalId, List<CartLine> cart, BigDecimal available, boolean blocked,
            Optional<RuleView> rule) {
        RuleDefinition.SpendingTerms terms = rule.map(r -> r.definition().spending()).orElse(null);
        List<String> excludedNames = terms == null || terms.excludedCategories() == null
                ? List.of() : terms.excludedCategories();
        Set<String> excluded = excludedNames.stream().map(c -> c.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<LineDiscount> lines = cart.stream().map(l -> {
            BigDecimal total = Money.exact(l.total());
            boolean out = l.category() != null && excluded.contains(l.category().trim().toLowerCase(Locale.ROOT));
            return new LineDiscount(l.sku(), l.category(), Money.exact(l.unitPrice()), l.quantity(), total, out,
                    Money.ZERO, total);
        }).toList();
        BigDecimal orderTotal = lines.stream().map(LineDiscount::total).reduce(Money.ZERO, BigDecimal::add);
        BigDecimal eligibleTotal = lines.stream().filter(l -> !l.excluded()).map(LineDiscount::total)
                .reduce(Money.ZERO, BigDecimal::add);
        BigDecimal cap = terms == null ? null : Money.rounded(eligibleTotal.multiply(terms.maxPercent())
                .divide(HUNDRED));
        QuoteReason reason = null;
        if (terms == null) {
            reason = QuoteReason.NO_RULE;
        } else if (blocked) {
            reason = QuoteReason.MEMBER_BLOCKED;
        } else if (terms.minOrderAmount() != null && orderTotal.compareTo(terms.minOrderAmount()) < 0) {
            reason = QuoteReason.BELOW_MIN_ORDER;
        } else if (eligibleTotal.signum() == 0) {
            reason = QuoteReason.NOTHING_ELIGIBLE;
        } else if (available.signum() <= 0) {
            reason = QuoteReason.NO_BALANCE;
        }
        BigDecimal max = reason != null ? Money.ZERO : cap.min(available);
        LimitedBy limitedBy = reason != null ? null
                : available.compareTo(cap) < 0 ? LimitedBy.BALANCE : LimitedBy.MAX_PERCENT;
        return new Quote(externalId, orderTotal, eligibleTotal, available.max(Money.ZERO), cap, max, reason,
                limitedBy, rule.map(RuleView::id).orElse(null), terms == null ? null : terms.maxPercent(),
                terms == null ? null : terms.minOrderAmount(), terms == null ? null : excludedNames,
                DiscountSplit.split(lines, max));
    }
}
