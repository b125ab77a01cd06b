package app.sarafan.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import app.sarafan.member.MemberService;
import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The ledger's reversal rule, which cancelled and refunded orders (the earning engine) rely on. */
@QuarkusTest
class ReversalTest extends ApiTest {

    private static final Source ORDER = new Source(SourceType.ORDER, "order-77", "test");

    @Inject
    Ledger ledger;

    @Inject
    MemberService members;

    private long idOf(String externalId) {
        return members.ref(externalId).id();
    }

    private long cashback(long memberId, String amount, Instant availableFrom, Instant expiresAt) {
        return Long.parseLong(ledger.credit(memberId, new Ledger.Credit(TransactionKind.ACCRUAL, new BigDecimal(amount),
                ORDER, "cashback", availableFrom, expiresAt, new Provenance(null, null, null))).id());
    }

    private TransactionView reverse(long memberId, long credit, String amount) {
        return ledger.reverse(memberId, new Ledger.Reversal(credit, new BigDecimal(amount), ORDER, "order cancelled"))
                .orElseThrow();
    }

    @Test
    void reversingAnUnspentCreditTakesItBack() {
        String anna = newMember();
        long credit = cashback(idOf(anna), "500.00", null, null);
        TransactionView reversal = reverse(idOf(anna), credit, "500.00");
        assertEquals(TransactionKind.REVERSAL, reversal.kind());
        assertEquals(new BigDecimal("-500.00"), reversal.amount());
        assertEquals(String.valueOf(credit), reversal.relatedTransactionId());
        assertEquals("0.00", available(anna));
        assertTrue(ledger.reverse(idOf(anna), new Ledger.Reversal(credit, new BigDecimal("1.00"), ORDER, "again"))
                .isEmpty(), "nothing is left to take back");
    }

    @Test
    void aPendingCreditIsVoidedAndNeverBecomesAvailable() {
        String boris = newMember();
        long credit = cashback(idOf(boris), "50.00", clock.now().plus(Duration.ofDays(14)), null);
        TransactionView voided = reverse(idOf(boris), credit, "50.00");
        assertEquals(TransactionKind.VOID, voided.kind());
        assertEquals(new BigDecimal("-50.00"), voided.pendingChange());
        clock.advance(Duration.ofDays(15));
        shop().get("/v1/members/{id}/balance", boris).then()
                .body("available", equalTo("0.00")).body("pending", equalTo("0.00"));
    }

    @Test
    void spentBonusesReversedBecomeADebtThatTheNextCreditRepays() {
        String carl = newMember();
        long credit = cashback(idOf(carl), "100.00", null, null);
        cashback(idOf(carl), "30.00", null, null);
        adjust(carl, Map.of("type", "DEBIT", "amount", "120.00", "reason", "paid an order")).then().statusCode(201);

        reverse(idOf(carl), credit, "100.00");
        shop().get("/v1/members/{id}/balance", carl).then()
                .body("available", equalTo("-90.00")).body("total", equalTo("-90.00"));
        adjust(carl, Map.of("type", "DEBIT", "amount", "0.01", "reason", "nothing to spend"))
                .then().statusCode(409).body("available", equalTo("0.00"));

        credit(carl, "100.00");
        assertEquals("10.00", available(carl), "the debt is repaid first");
        adjust(carl, Map.of("type", "DEBIT", "amount", "10.00", "reason", "spend the rest")).then().statusCode(201);
    }

    @Test
    void partialReversalsNeverTakeBackMoreThanTheCredit() {
        String dora = newMember();
        long credit = cashback(idOf(dora), "200.00", null, null);
        reverse(idOf(dora), credit, "50.00");
        reverse(idOf(dora), credit, "120.00");
        TransactionView last = reverse(idOf(dora), credit, "100.00");
        assertEquals(new BigDecimal("-30.00"), last.amount(), "only 30.00 was left of the credit");
        assertEquals("0.00", available(dora));
    }

    @Test
    void bonusesThatAlreadyBurntAreNotTakenBackAgain() {
        String emil = newMember();
        long credit = cashback(idOf(emil), "80.00", null, clock.now().plus(Duration.ofDays(5)));
        adjust(emil, Map.of("type", "DEBIT", "amount", "30.00", "reason", "spend")).then().statusCode(201);
        clock.advance(Duration.ofDays(6));
        assertEquals("0.00", available(emil), "50.00 burnt");
        TransactionView reversal = reverse(idOf(emil), credit, "80.00");
        assertEquals(new BigDecimal("-30.00"), reversal.amount(), "only the spent 30.00 is owed back");
        assertEquals("-30.00", available(emil));
    }
}
