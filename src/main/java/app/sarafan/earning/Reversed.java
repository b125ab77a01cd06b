package app.sarafan.earning;

import java.math.BigDecimal;

import app.sarafan.ledger.TransactionKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What was taken back of an earlier accrual: VOID while it was pending, REVERSAL once it was available. */
@RegisterForReflection
public record Reversed(String transactionId, String memberId, TransactionKind kind, BigDecimal amount,
        String reversedTransactionId) {

    Reversed withoutTransaction() {
        return new Reversed(null, memberId, kind, amount, reversedTransactionId);
    }
}
