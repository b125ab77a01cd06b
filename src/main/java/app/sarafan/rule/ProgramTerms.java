package app.sarafan.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import app.sarafan.common.time.AppClock;
import app.sarafan.rule.RuleDefinition.AmountType;
import app.sarafan.rule.RuleDefinition.Recipient;
import app.sarafan.rule.RuleDefinition.Reward;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The program's terms in plain words, generated from the rules in force: what earns what, when it becomes
 * available, when it burns, how bonuses may be spent. English and Russian; other locales get English.
 */
@ApplicationScoped
public class ProgramTerms {

    /** One sentence per rule in force. */
    public record Term(String ruleId, RuleProfile profile, String text) {
    }

    public record Terms(String locale, Instant asOf, List<Term> terms) {
    }

    private final RuleAdministration rules;
    private final AppClock clock;

    ProgramTerms(RuleAdministration rules, AppClock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public Terms describe(String locale) {
        TermsLanguage language = TermsLanguage.of(locale);
        Instant now = clock.now();
        List<Term> terms = new ArrayList<>();
        for (RuleView rule : rules.inForce(now)) {
            String text = language == TermsLanguage.RU ? rule.terms().ru() : rule.terms().en();
            terms.add(new Term(rule.id(), rule.definition().profile(), text));
        }
        return new Terms(language.tag(), now, terms);
    }

    static String sentence(RuleDefinition rule, TermsLanguage l) {
        return switch (rule.profile()) {
            case PAY_WITH_BONUSES -> l.spending(rule.spending());
            case WITHDRAWAL -> l.withdrawal(rule.withdrawal());
            default -> earning(rule, l);
        };
    }

    private static String earning(RuleDefinition rule, TermsLanguage l) {
        String rewards = rule.rewards().stream().map(r -> reward(r, l)).collect(Collectors.joining(l.and()));
        StringBuilder text = new StringBuilder(l.capitalize(rewards)).append(' ').append(l.occasion(rule));
        String conditions = rule.conditions() == null ? "" : l.orderConditions(rule.conditions());
        if (!conditions.isEmpty()) {
            text.append(", ").append(conditions);
        }
        if (rule.delayDays() != null && rule.delayDays() > 0) {
            text.append(", ").append(l.availableAfter(rule.delayDays()));
        }
        if (rule.lifetimeDays() != null) {
            text.append(", ").append(l.validFor(rule.lifetimeDays()));
        } else if (rule.lifetimeMonths() != null) {
            text.append(", ").append(l.validForMonths(rule.lifetimeMonths()));
        } else if (rule.expiresOn() != null) {
            text.append(", ").append(l.validUntil(rule.expiresOn()));
        }
        String limits = rule.limits() == null ? "" : l.limits(rule.limits());
        if (!limits.isEmpty()) {
            text.append(", ").append(limits);
        }
        if (rule.budget() != null) {
            text.append(", ").append(l.whileBudgetLasts());
        }
        if (rule.validFrom() != null || rule.validTo() != null) {
            text.append(" (").append(l.validity(utcDate(rule.validFrom()), utcDate(rule.validTo()))).append(')');
        }
        return text.append('.').toString();
    }

    private static java.time.LocalDate utcDate(Instant at) {
        return at == null ? null : at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    private static String reward(Reward reward, TermsLanguage l) {
        if (reward.recipient() == Recipient.REFERRER) {
            return l.referrers(reward.levels().stream()
                    .map(level -> amount(reward.type(), level.value(), l) + l.atLevel(level.level()))
                    .collect(Collectors.joining(", ")))
                    + (Boolean.TRUE.equals(reward.firstPaymentOnly()) ? l.firstPaymentOnly() : "");
        }
        if (reward.type() == AmountType.PER_PRODUCT) {
            return l.perProduct(reward.perSku().size());
        }
        String amount = amount(reward.type(), reward.value(), l);
        return reward.recipient() == Recipient.RIGHTS_HOLDER ? l.rightsHolder(amount) : amount;
    }

    private static String amount(AmountType type, BigDecimal value, TermsLanguage l) {
        return type == AmountType.PERCENT ? l.percent(value) : l.bonuses(value);
    }
}
