package app.sarafan.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/** The words of the program terms, per language; numbers are written as the amounts are (500.00 → 500). */
enum TermsLanguage {
    EN {
        @Override
        String occasion(RuleDefinition rule) {
            RuleDefinition.Threshold t = rule.conditions() == null ? null : rule.conditions().threshold();
            return switch (rule.profile()) {
                case REGISTRATION -> "for joining the program";
                case BIRTHDAY -> "on your birthday";
                case ORDER_PLACED -> "for every order placed";
                case ORDER_PAID -> "of every paid order";
                case PROFILE_COMPLETED -> "for completing your profile";
                case NEWSLETTER_SUBSCRIBED -> "for subscribing to the newsletter";
                case REVIEW_PUBLISHED -> "for every published review";
                case USER_ACHIEVEMENT, REFERRER_ACHIEVEMENT -> "once, when " + threshold(t);
                case EXTERNAL_BONUS -> "from partner programs";
                case RIGHTS_HOLDER -> "of every sold product they hold the rights to";
                default -> "";
            };
        }

        private String threshold(RuleDefinition.Threshold t) {
            return switch (t.metric()) {
                case TOTAL_SPENT -> "your purchases reach " + number(t.value());
                case PAID_ORDERS -> "you have paid for " + number(t.value()) + " orders";
                case PAYING_REFERRALS -> number(t.value()) + " friends you referred have paid for an order";
                case BONUSES_EARNED -> "you have earned " + number(t.value()) + " bonuses";
            };
        }

        @Override
        String percent(BigDecimal value) {
            return number(value) + " %";
        }

        @Override
        String bonuses(BigDecimal value) {
            return number(value) + (value.compareTo(BigDecimal.ONE) == 0 ? " bonus" : " bonuses");
        }

        @Override
        String referrers(String levels) {
            return "your referrers get " + levels;
        }

        @Override
        String atLevel(int level) {
            return " (level " + level + ")";
        }

        @Override
        String perProduct(int products) {
            return "fixed bonuses for " + products + (products == 1 ? " product" : " products");
        }

        @Override
        String rightsHolder(String amount) {
            return "rights holders get " + amount;
        }

        @Override
        String availableAfter(int days) {
            return "available after " + days + (days == 1 ? " day" : " days");
        }

        @Override
        String validFor(int days) {
            return "valid " + days + (days == 1 ? " day" : " days");
        }

        @Override
        String validForMonths(int months) {
            return "valid " + months + (months == 1 ? " month" : " months");
        }

        @Override
        String validUntil(LocalDate date) {
            return "valid until " + date;
        }

        @Override
        String orderConditions(RuleDefinition.Conditions c) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (c.minOrderAmount() != null && c.minOrderAmount().signum() > 0) {
                parts.add("from " + number(c.minOrderAmount()));
            }
            if (Boolean.TRUE.equals(c.firstOrderOnly())) {
                parts.add("first orders only");
            }
            if (Boolean.TRUE.equals(c.couponRequired())) {
                parts.add("with a coupon");
            }
            if (given(c.includeCategories())) {
                parts.add("in " + String.join(", ", c.includeCategories()));
            }
            if (given(c.excludeCategories())) {
                parts.add("except " + String.join(", ", c.excludeCategories()));
            }
            if (given(c.includeSkus())) {
                parts.add("for products " + String.join(", ", c.includeSkus()));
            }
            if (given(c.excludeSkus())) {
                parts.add("except products " + String.join(", ", c.excludeSkus()));
            }
            if (given(c.memberRanks())) {
                parts.add("for members ranked " + String.join(", ", c.memberRanks()));
            }
            return String.join(", ", parts);
        }

        @Override
        String firstPaymentOnly() {
            return " on their first payment";
        }

        @Override
        String whileBudgetLasts() {
            return "while the campaign budget lasts";
        }

        @Override
        String limits(RuleDefinition.Limits l) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (l.perMember() != null) {
                parts.add("at most " + times(l.perMember()) + " per member");
            }
            if (l.perPeriod() != null && l.periodDays() != null) {
                parts.add("at most " + times(l.perPeriod()) + " in " + l.periodDays()
                        + (l.periodDays() == 1 ? " day" : " days"));
            }
            if (l.rewardedReferrals() != null) {
                parts.add("for at most " + l.rewardedReferrals()
                        + (l.rewardedReferrals() == 1 ? " referred friend" : " referred friends"));
            }
            return String.join(", ", parts);
        }

        private String times(int n) {
            return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
        }

        @Override
        String validity(LocalDate from, LocalDate to) {
            return from == null ? "until " + to : to == null ? "from " + from : "from " + from + " until " + to;
        }

        @Override
        String and() {
            return " and ";
        }

        @Override
        String spending(RuleDefinition.SpendingTerms s) {
            StringBuilder text = new StringBuilder("Bonuses pay up to ").append(percent(s.maxPercent()))
                    .append(" of an order");
            if (s.minOrderAmount() != null && s.minOrderAmount().signum() > 0) {
                text.append(" from ").append(number(s.minOrderAmount()));
            }
            if (s.excludedCategories() != null && !s.excludedCategories().isEmpty()) {
                text.append(", except ").append(String.join(", ", s.excludedCategories()));
            }
            return text.append('.').toString();
        }

        @Override
        String withdrawal(RuleDefinition.WithdrawalTerms w) {
            StringBuilder text = new StringBuilder("Bonuses can be withdrawn");
            if (w.minAmount() != null && w.minAmount().signum() > 0) {
                text.append(" from ").append(number(w.minAmount()));
            }
            if (w.feePercent() != null && w.feePercent().signum() > 0) {
                text.append(", fee ").append(percent(w.feePercent()));
            }
            return text.append('.').toString();
        }
    },
    RU {
        @Override
        String occasion(RuleDefinition rule) {
            RuleDefinition.Threshold t = rule.conditions() == null ? null : rule.conditions().threshold();
            return switch (rule.profile()) {
                case REGISTRATION -> "за регистрацию в программе";
                case BIRTHDAY -> "в день рождения";
                case ORDER_PLACED -> "за каждый оформленный заказ";
                case ORDER_PAID -> "от каждого оплаченного заказа";
                case PROFILE_COMPLETED -> "за заполненный профиль";
                case NEWSLETTER_SUBSCRIBED -> "за подписку на рассылку";
                case REVIEW_PUBLISHED -> "за каждый опубликованный отзыв";
                case USER_ACHIEVEMENT, REFERRER_ACHIEVEMENT -> "однократно, когда " + threshold(t);
                case EXTERNAL_BONUS -> "от партнёрских программ";
                case RIGHTS_HOLDER -> "от каждого проданного товара правообладателя";
                default -> "";
            };
        }

        private String threshold(RuleDefinition.Threshold t) {
            return switch (t.metric()) {
                case TOTAL_SPENT -> "сумма покупок достигнет " + number(t.value());
                case PAID_ORDERS -> "оплачено заказов: " + number(t.value());
                case PAYING_REFERRALS -> "оплатили заказ приглашённых друзей: " + number(t.value());
                case BONUSES_EARNED -> "начислено бонусов: " + number(t.value());
            };
        }

        @Override
        String percent(BigDecimal value) {
            return number(value) + " %";
        }

        @Override
        String bonuses(BigDecimal value) {
            return number(value) + " " + plural(value, "бонус", "бонуса", "бонусов");
        }

        @Override
        String referrers(String levels) {
            return "пригласившим — " + levels;
        }

        @Override
        String atLevel(int level) {
            return " (уровень " + level + ")";
        }

        @Override
        String perProduct(int products) {
            return "фиксированные бонусы за товары (" + products + ")";
        }

        @Override
        String rightsHolder(String amount) {
            return "правообладателям — " + amount;
        }

        @Override
        String availableAfter(int days) {
            return "доступны через " + days + " " + plural(BigDecimal.valueOf(days), "день", "дня", "дней");
        }

        @Override
        String validFor(int days) {
            return "действуют " + days + " " + plural(BigDecimal.valueOf(days), "день", "дня", "дней");
        }

        @Override
        String validForMonths(int months) {
            return "действуют " + months + " " + plural(BigDecimal.valueOf(months), "месяц", "месяца", "месяцев");
        }

        @Override
        String validUntil(LocalDate date) {
            return "действуют до " + date;
        }

        @Override
        String orderConditions(RuleDefinition.Conditions c) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (c.minOrderAmount() != null && c.minOrderAmount().signum() > 0) {
                parts.add("от " + number(c.minOrderAmount()));
            }
            if (Boolean.TRUE.equals(c.firstOrderOnly())) {
                parts.add("только за первый заказ");
            }
            if (Boolean.TRUE.equals(c.couponRequired())) {
                parts.add("с купоном");
            }
            if (given(c.includeCategories())) {
                parts.add("в категориях: " + String.join(", ", c.includeCategories()));
            }
            if (given(c.excludeCategories())) {
                parts.add("кроме категорий: " + String.join(", ", c.excludeCategories()));
            }
            if (given(c.includeSkus())) {
                parts.add("на товары: " + String.join(", ", c.includeSkus()));
            }
            if (given(c.excludeSkus())) {
                parts.add("кроме товаров: " + String.join(", ", c.excludeSkus()));
            }
            if (given(c.memberRanks())) {
                parts.add("участникам уровня " + String.join(", ", c.memberRanks()));
            }
            return String.join(", ", parts);
        }

        @Override
        String firstPaymentOnly() {
            return " за первую оплату";
        }

        @Override
        String whileBudgetLasts() {
            return "пока не исчерпан бюджет акции";
        }

        @Override
        String limits(RuleDefinition.Limits l) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (l.perMember() != null) {
                parts.add("не более " + l.perMember() + " " + plural(BigDecimal.valueOf(l.perMember()), "раза", "раз",
                        "раз") + " на участника");
            }
            if (l.perPeriod() != null && l.periodDays() != null) {
                parts.add("не более " + l.perPeriod() + " " + plural(BigDecimal.valueOf(l.perPeriod()), "раза", "раз",
                        "раз") + " за " + l.periodDays() + " " + plural(BigDecimal.valueOf(l.periodDays()), "день",
                        "дня", "дней"));
            }
            if (l.rewardedReferrals() != null) {
                parts.add("не более чем за " + l.rewardedReferrals() + " "
                        + plural(BigDecimal.valueOf(l.rewardedReferrals()), "приглашённого друга",
                                "приглашённых друзей", "приглашённых друзей"));
            }
            return String.join(", ", parts);
        }

        @Override
        String validity(LocalDate from, LocalDate to) {
            return from == null ? "до " + to : to == null ? "с " + from : "с " + from + " до " + to;
        }

        @Override
        String and() {
            return " и ";
        }

        @Override
        String spending(RuleDefinition.SpendingTerms s) {
            StringBuilder text = new StringBuilder("Бонусами можно оплатить до ").append(percent(s.maxPercent()))
                    .append(" заказа");
            if (s.minOrderAmount() != null && s.minOrderAmount().signum() > 0) {
                text.append(" от ").append(number(s.minOrderAmount()));
            }
            if (s.excludedCategories() != null && !s.excludedCategories().isEmpty()) {
                text.append(", кроме: ").append(String.join(", ", s.excludedCategories()));
            }
            return text.append('.').toString();
        }

        @Override
        String withdrawal(RuleDefinition.WithdrawalTerms w) {
            StringBuilder text = new StringBuilder("Бонусы можно вывести");
            if (w.minAmount() != null && w.minAmount().signum() > 0) {
                text.append(" от ").append(number(w.minAmount()));
            }
            if (w.feePercent() != null && w.feePercent().signum() > 0) {
                text.append(", комиссия ").append(percent(w.feePercent()));
            }
            return text.append('.').toString();
        }

        private String plural(BigDecimal value, String one, String few, String many) {
            return app.sarafan.common.text.RussianPlural.of(value, one, few, many);
        }
    };

    static TermsLanguage of(String locale) {
        if (locale == null) {
            return EN;
        }
        return Locale.forLanguageTag(locale.trim()).getLanguage().equals("ru") ? RU : EN;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 500.00 → 500, 2.50 → 2.5: amounts in sentences read like people write them. */
    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    abstract String occasion(RuleDefinition rule);

    abstract String percent(BigDecimal value);

    abstract String bonuses(BigDecimal value);

    abstract String referrers(String levels);

    abstract String atLevel(int level);

    abstract String perProduct(int products);

    abstract String rightsHolder(String amount);

    abstract String availableAfter(int days);

    abstract String validFor(int days);

    /** A lifetime in calendar months. */
    abstract String validForMonths(int months);

    abstract String validUntil(LocalDate date);

    abstract String and();

    /** What an order (or the member) must be for the rule to apply, as a clause; empty when nothing. */
    abstract String orderConditions(RuleDefinition.Conditions conditions);

    /** A referrer reward paid only on the referral's first payment. */
    abstract String firstPaymentOnly();

    /** That the rule's grants stop once its campaign budget is used (the amounts are the shop's own business). */
    abstract String whileBudgetLasts();

    /** How often the rule rewards, as a clause; empty when without limits. */
    abstract String limits(RuleDefinition.Limits limits);

    /** When the rule is in force (UTC dates); one of the two may be null. */
    abstract String validity(LocalDate from, LocalDate to);

    static boolean given(java.util.List<String> values) {
        return values != null && !values.isEmpty();
    }

    abstract String spending(RuleDefinition.SpendingTerms terms);

    abstract String withdrawal(RuleDefinition.WithdrawalTerms terms);
}
