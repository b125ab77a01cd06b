package app.sarafan.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The one expiry rule: lifetimes from availability, calendar months in UTC, expiry dates ending at UTC midnight. */
class CreditTermsTest {

    private static final Instant AVAILABLE = Instant.parse("2027-01-31T18:45:12.123456Z");

    @Test
    void aLifetimeInDaysIsThatManyTimesTwentyFourHours() {
        assertEquals(Instant.parse("2027-03-02T18:45:12.123456Z"), CreditTerms.burnsAt(AVAILABLE, 30, null, null));
    }

    @Test
    void aLifetimeInMonthsIsCalendarMonthsEndingOnTheMonthsLastDayWhenItIsShorter() {
        assertEquals(Instant.parse("2027-02-28T18:45:12.123456Z"), CreditTerms.burnsAt(AVAILABLE, null, 1, null));
        assertEquals(Instant.parse("2028-02-29T18:45:12.123456Z"), CreditTerms.burnsAt(AVAILABLE, null, 13, null));
        assertEquals(Instant.parse("2027-03-31T18:45:12.123456Z"), CreditTerms.burnsAt(AVAILABLE, null, 2, null));
        Instant midMonth = Instant.parse("2027-05-15T00:00:00Z");
        assertEquals(Instant.parse("2027-06-15T00:00:00Z"), CreditTerms.burnsAt(midMonth, null, 1, null));
    }

    @Test
    void anExpiryDateEndsAtMidnightUtcOfTheNextDay() {
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"),
                CreditTerms.burnsAt(AVAILABLE, null, null, LocalDate.parse("2027-01-31")));
        assertEquals(CreditTerms.endOf(LocalDate.parse("2027-12-31")), Instant.parse("2028-01-01T00:00:00Z"));
    }

    @Test
    void withoutLifetimeOrDateBonusesNeverBurn() {
        assertNull(CreditTerms.burnsAt(AVAILABLE, null, null, null));
    }

    @Test
    void administratorsTermsUseTheSameLifetime() {
        Instant now = Instant.parse("2027-01-01T10:00:00Z");
        CreditTerms terms = CreditTerms.of(2, 30, null, now);
        assertEquals(Instant.parse("2027-01-03T10:00:00Z"), terms.availableFrom());
        assertEquals(CreditTerms.burnsAt(terms.availableFrom(), 30, null, null), terms.expiresAt());
    }
}
