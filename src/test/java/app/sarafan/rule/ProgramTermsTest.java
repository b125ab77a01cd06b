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
                null, null, null, null, null);
    }

    private static Reward member(AmountType type, String value) {
        return new Reward(Recipient.MEMBER, type, new BigDecimal(value), null, null, null);
    }

    @Test
    void aLifetimeInCalendarMonthsReadsAsMonthsWithRussianPlurals() {
        List<Reward> cashback = List.of(member(AmountType.PERCENT, "5.00"));
        for (int months : new int[] {1, 2, 5, 21}) {
            RuleDefinition rule = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null,
                    cashback, null, null, months, null, null, null, null, null, null);
            assertEquals("5 % of every paid order, valid " + months + (months == 1 ? " month." : " months."),
                    ProgramTerms.sentence(rule, TermsLanguage.EN));
        }
        RuleDefinition one = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null, cashback,
                null, null, 1, null, null, null, null, null, null);
        assertEquals("5 % от каждого оплаченного заказа, действуют 1 месяц.", ProgramTerms.sentence(one,
                TermsLanguage.RU));
        RuleDefinition five = new RuleDefinition("r", RuleProfile.ORDER_PAID, true, 100, null, null, null, cashback,
                null, null, 5, null, null, null, null, null, null);
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
                null, null, null, null, null, null, null,
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
}
