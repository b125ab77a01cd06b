package app.sarafan.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The model itself, on the worked examples of docs/ledger.md and the ledger tests (no service). */
class LedgerModelTest {

    private final LedgerModel model = new LedgerModel(new LedgerModel.CashbackRule(new BigDecimal("10.00"), 2, 10), 24);

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    private void assertParts(String available, String pending, String reserved) {
        LedgerSubject.Parts parts = model.parts();
        assertEquals(List.of(money(available), money(pending), money(reserved)),
                List.of(parts.available(), parts.pending(), parts.reserved()), parts.toString());
        assertEquals(List.of(), model.violations());
    }

    @Test
    void spendingTakesTheSoonestExpiringLotsFirst() {
        model.credit(money("30.00"), 0, 0);
        model.credit(money("20.00"), 0, 10);
        model.credit(money("10.00"), 0, 5);
        model.credit(money("40.00"), 0, 20);
        model.spend(money("15.00"));
        model.advance(6 * 24);
        assertParts("85.00", "0.00", "0.00");
        model.advance(5 * 24);
        assertParts("70.00", "0.00", "0.00");
        model.advance(10 * 24);
        assertParts("30.00", "0.00", "0.00");
    }

    @Test
    void aPendingCreditReversedIsVoidedAndAnActiveOneLeavesADebtThatCreditsRepay() {
        assertEquals(new LedgerSubject.Accrual(money("10.00"), true), model.orderPaid("a", money("100.00")));
        assertEquals(List.of(new LedgerSubject.Reversed("VOID", money("10.00"))), model.orderCancelled("a"));
        model.orderPaid("b", money("1000.00"));
        model.advance(48);
        assertParts("100.00", "0.00", "0.00");
        model.spend(money("80.00"));
        assertEquals(List.of(new LedgerSubject.Reversed("REVERSAL", money("100.00"))), model.orderCancelled("b"));
        assertParts("-80.00", "0.00", "0.00");
        assertFalse(model.spend(money("0.01")));
        model.credit(money("100.00"), 0, 0);
        assertParts("20.00", "0.00", "0.00");
    }

    @Test
    void partialRefundsEndExactlyAtTheFullCashback() {
        model.orderPaid("o", money("999.99"));
        model.advance(48);
        assertEquals(List.of(new LedgerSubject.Reversed("REVERSAL", money("33.33"))),
                model.orderRefunded("o", money("333.33")));
        assertEquals(List.of(new LedgerSubject.Reversed("REVERSAL", money("33.34"))),
                model.orderRefunded("o", money("333.33")));
        assertEquals(List.of(new LedgerSubject.Reversed("REVERSAL", money("33.33"))),
                model.orderRefunded("o", money("333.33")));
        assertParts("0.00", "0.00", "0.00");
    }

    @Test
    void burntBonusesAreNotTakenBackAgain() {
        model.orderPaid("o", money("800.00"));
        model.advance(48);
        model.spend(money("30.00"));
        model.advance(10 * 24);
        assertParts("0.00", "0.00", "0.00");
        assertEquals(List.of(new LedgerSubject.Reversed("REVERSAL", money("30.00"))), model.orderCancelled("o"));
        assertParts("-30.00", "0.00", "0.00");
    }

    @Test
    void reservedBonusesDoNotBurnWhileReservedAndBurnWhenReleasedAfterTheirExpiry() {
        model.credit(money("50.00"), 0, 3);
        model.credit(money("20.00"), 0, 0);
        String hold = model.hold(money("40.00")).orElseThrow();
        model.advance(4 * 24);
        assertParts("20.00", "0.00", "40.00");
        model.cancel(hold);
        assertParts("20.00", "0.00", "0.00");
    }

    @Test
    void aReservationThatTimesOutGoesBackWithTheSweep() {
        model.credit(money("100.00"), 0, 0);
        model.hold(money("60.00"));
        model.advance(23);
        model.sweep();
        assertParts("40.00", "0.00", "60.00");
        model.advance(1);
        model.sweep();
        assertParts("100.00", "0.00", "0.00");
    }
}
