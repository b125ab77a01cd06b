package app.sarafan.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import app.sarafan.rule.RuleDefinition.AmountType;
import app.sarafan.rule.RuleDefinition.LevelValue;
import app.sarafan.rule.RuleDefinition.Recipient;
import app.sarafan.rule.RuleDefinition.Reward;
import org.junit.jupiter.api.Test;

class ProgramTermsTest {

    private static RuleDefinition rule(RuleProfile profile, List<Reward> rewards, Integer delay, Integer lifetime) {
        return new RuleDefinition("r", profile, true, 100, null, null, null, rewards, delay, lifetime, null, null,
                null, null, null, null, null, null);
    }

    private static Reward member(AmountType type, String value) {
        return new Reward(Recipient.MEMBER, type, new BigDecimal(value), null, null, null);
    }

    @Test
    void aLifetimeInCalendarMonthsReadsAsMonthsWithRussianPlurals() {
        List<Reward> cashback = List.of(member(AmountType.PERCENT, "5.00"));
        for (int months : new int[] {1, 2, 5, 21}) {
            RuleDefinition rule = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null,
                    cashback, null, null, months, null, null, null, null, null, null, null);
            assertEquals("5 % of every paid order, valid " + months + (months == 1 ? " month." : " months."),
                    ProgramTerms.sentence(rule, TermsLanguage.EN));
        }
        RuleDefinition one = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null, cashback,
                null, null, 1, null, null, null, null, null, null, null);
        assertEquals("5 % от каждого оплаченного заказа, действуют 1 месяц.", ProgramTerms.sentence(one,
                TermsLanguage.RU));
        RuleDefinition five = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null, cashback,
                null, null, 5, null, null, null, null, null, null, null);
        assertEquals("5 % от каждого оплаченного заказа, действуют 5 месяцев.", ProgramTerms.sentence(five,
                TermsLanguage.RU));
    }

    @Test
    void theWorkedExampleReadsInEnglishAndRussian() {
        RuleDefinition cashback = rule(RuleProfile.ORDER_PAID, List.of(member(AmountType.PERCENT, "5.00")), 14, 30);
        assertEquals("5 % of every paid order, available after 14 days, valid 30 days.",
                ProgramTerms.sentence(cashback, TermsLanguage.EN));
        assertEquals("5 % от каждого оплаченного заказа, доступны через 14 дней, действуют 30 дней.",
                ProgramTerms.sentence(cashback, TermsLanguage.RU));

        RuleDefinition welcome = rule(RuleProfile.REGISTRATION, List.of(member(AmountType.FIXED, "500.00")), null, null);
        assertEquals("500 bonuses for joining the program.", ProgramTerms.sentence(welcome, TermsLanguage.EN));
        assertEquals("500 бонусов за регистрацию в программе.", ProgramTerms.sentence(welcome, TermsLanguage.RU));

        RuleDefinition birthday = rule(RuleProfile.BIRTHDAY, List.of(member(AmountType.FIXED, "1000.00")), null, 3);
        assertEquals("1000 бонусов в день рождения, действуют 3 дня.", ProgramTerms.sentence(birthday, TermsLanguage.RU));

        RuleDefinition referral = rule(RuleProfile.ORDER_PAID, List.of(new Reward(Recipient.REFERRER, AmountType.PERCENT,
                null, null, List.of(new LevelValue(1, new BigDecimal("5.00")), new LevelValue(2, new BigDecimal("2.00"))),
                null)), null, null);
        assertEquals("Your referrers get 5 % (level 1), 2 % (level 2) of every paid order.",
                ProgramTerms.sentence(referral, TermsLanguage.EN));

        RuleDefinition spending = new RuleDefinition("s", RuleProfile.PAY_WITH_BONUSES, true, 100, null, null, null,
                null, null, null, null, null, null, null, null,
                new RuleDefinition.SpendingTerms(new BigDecimal("20.00"), new BigDecimal("1000.00"), null), null, null);
        assertEquals("Bonuses pay up to 20 % of an order from 1000.", ProgramTerms.sentence(spending, TermsLanguage.EN));
        assertEquals("Бонусами можно оплатить до 20 % заказа от 1000.", ProgramTerms.sentence(spending, TermsLanguage.RU));
    }

    @Test
    void russianCountsTakeTheirPluralForms() {
        assertEquals("1 бонус", TermsLanguage.RU.bonuses(new BigDecimal("1.00")));
        assertEquals("2 бонуса", TermsLanguage.RU.bonuses(new BigDecimal("2.00")));
        assertEquals("11 бонусов", TermsLanguage.RU.bonuses(new BigDecimal("11.00")));
        assertEquals("21 бонус", TermsLanguage.RU.bonuses(new BigDecimal("21.00")));
        assertEquals("2.5 бонуса", TermsLanguage.RU.bonuses(new BigDecimal("2.50")));
        assertEquals("доступны через 1 день", TermsLanguage.RU.availableAfter(1));
    }

    /** A value that makes a condition or limit bite, by its type. */
    private static Object sample(Class<?> type, String name) {
        if (type == BigDecimal.class) {
            return new BigDecimal("3000.00");
        }
        if (type == List.class) {
            return List.of("SAMPLE_" + name.toUpperCase(java.util.Locale.ROOT));
        }
        if (type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == Integer.class) {
            return 7;
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.parse("2027-03-01T00:00:00Z");
        }
        if (type == java.time.LocalDate.class) {
            return java.time.LocalDate.parse("2027-06-30");
        }
        return null;
    }

    private static <R extends Record> R with(R record, String component, Object value) throws Exception {
        var components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(record);
        }
        @SuppressWarnings("unchecked")
        R changed = (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
        return changed;
    }

    /**
     * Every condition and limit the engine evaluates — each component of Conditions and Limits, the rule's own
     * validity, delay and lifetime, a referrer reward's first-payment switch — changes the sentence in both
     * languages: a new one that is evaluated but not rendered fails here.
     */
    @Test
    void everyConditionAndLimitTheEngineChecksIsInTheTerms() throws Exception {
        Reward referrer = new Reward(Recipient.REFERRER, AmountType.PERCENT, null, null,
                List.of(new LevelValue(1, new BigDecimal("3.00"))), null);
        RuleDefinition base = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null,
                new RuleDefinition.Conditions(null, null, null, null, null, null, null, null, null),
                List.of(member(AmountType.PERCENT, "5.00"), referrer), null, null, null, null,
                new RuleDefinition.Limits(null, null, 30, null), null, null, null, null, null);
        List<RuleDefinition> variants = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (var c : RuleDefinition.Conditions.class.getRecordComponents()) {
            if (!c.getName().equals("threshold")) {
                names.add("conditions." + c.getName());
                variants.add(with(base, "conditions", with(base.conditions(), c.getName(),
                        sample(c.getType(), c.getName()))));
            }
        }
        for (var c : RuleDefinition.Limits.class.getRecordComponents()) {
            names.add("limits." + c.getName());
            RuleDefinition.Limits limits = c.getName().equals("periodDays")
                    ? new RuleDefinition.Limits(null, 2, 7, null)
                    : with(base.limits(), c.getName(), sample(c.getType(), c.getName()));
            variants.add(with(base, "limits", limits));
        }
        for (String own : List.of("validFrom", "validTo", "delayDays", "lifetimeDays", "lifetimeMonths",
                "expiresOn")) {
            names.add(own);
            var type = RuleDefinition.class.getDeclaredField(own).getType();
            variants.add(with(base, own, sample(type, own)));
        }
        names.add("rewards[].firstPaymentOnly");
        variants.add(with(base, "rewards", List.of(base.rewards().get(0), with(referrer, "firstPaymentOnly", true))));
        RuleDefinition perPeriodBase = with(base, "limits", new RuleDefinition.Limits(null, 2, 30, null));
        for (TermsLanguage language : TermsLanguage.values()) {
            String plain = ProgramTerms.sentence(base, language);
            for (int i = 0; i < variants.size(); i++) {
                String reference = names.get(i).equals("limits.periodDays")
                        ? ProgramTerms.sentence(perPeriodBase, language) : plain;
                String text = ProgramTerms.sentence(variants.get(i), language);
                org.junit.jupiter.api.Assertions.assertNotEquals(reference, text,
                        names.get(i) + " is evaluated but not rendered in " + language);
                org.junit.jupiter.api.Assertions.assertFalse(text.matches(".*\\b[A-Z]{2,}_[A-Z_]+\\b.*")
                        && !text.contains("SAMPLE_"), "a raw enum name in " + text);
            }
        }
    }

    @Test
    void conditionsAndLimitsReadAsSentencesWithRussianPlurals() {
        RuleDefinition rule = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100,
                java.time.Instant.parse("2027-01-01T00:00:00Z"), null,
                new RuleDefinition.Conditions(new BigDecimal("3000.00"), null, null, null, null, null, true, null,
                        null),
                List.of(member(AmountType.PERCENT, "5.00")), null, 30, null, null,
                new RuleDefinition.Limits(1, 2, 7, null), null, null, null, null, null);
        assertEquals("5 % of every paid order, from 3000, first orders only, valid 30 days, at most once per member,"
                + " at most twice in 7 days (from 2027-01-01).", ProgramTerms.sentence(rule, TermsLanguage.EN));
        assertEquals("5 % от каждого оплаченного заказа, от 3000, только за первый заказ, действуют 30 дней,"
                + " не более 1 раза на участника, не более 2 раз за 7 дней (с 2027-01-01).",
                ProgramTerms.sentence(rule, TermsLanguage.RU));
        RuleDefinition welcome = rule(RuleProfile.REGISTRATION, List.of(member(AmountType.FIXED, "21.00")), null, null);
        assertEquals("21 бонус за регистрацию в программе.", ProgramTerms.sentence(welcome, TermsLanguage.RU));
        RuleDefinition two = rule(RuleProfile.REGISTRATION, List.of(member(AmountType.FIXED, "2.00")), null, null);
        assertEquals("2 бонуса за регистрацию в программе.", ProgramTerms.sentence(two, TermsLanguage.RU));
        RuleDefinition one = rule(RuleProfile.REGISTRATION, List.of(member(AmountType.FIXED, "1.00")), null, null);
        assertEquals("1 бонус за регистрацию в программе.", ProgramTerms.sentence(one, TermsLanguage.RU));
    }
}
