package app.sarafan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import app.sarafan.common.money.Money;
import app.sarafan.common.page.Cursor;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void callerAmountsAreKeptExactlyOrRefused() {
        assertEquals("12.30", Money.format(Money.exact(new BigDecimal("12.3"))));
        assertEquals("12.00", Money.format(Money.exact(new BigDecimal("12.000"))));
        assertThrows(ArithmeticException.class, () -> Money.exact(new BigDecimal("12.345")));
    }

    @Test
    void computedAmountsRoundHalfUpToTheCent() {
        assertEquals(new BigDecimal("0.01"), Money.rounded(new BigDecimal("0.005")));
        assertEquals(new BigDecimal("0.00"), Money.rounded(new BigDecimal("0.0049")));
        assertEquals(new BigDecimal("-0.01"), Money.rounded(new BigDecimal("-0.005")));
        assertEquals(new BigDecimal("33.33"), Money.rounded(new BigDecimal("100").divide(new BigDecimal("3"), 10,
                java.math.RoundingMode.DOWN)));
    }

    @Test
    void cursorsRoundTripAndAnythingElseIsRefused() {
        assertEquals(42L, Cursor.decode(Cursor.encode(42L)));
        assertEquals(Long.MAX_VALUE, Cursor.decode(null));
        assertThrows(RuntimeException.class, () -> Cursor.decode("garbage"));
    }
}
