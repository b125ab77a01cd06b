package app.sarafan.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ledger transaction as callers see it. {@code amount} changes the total balance; the three changes say which
 * parts moved (they add up to the amount).
 */
public record TransactionView(
        String id,
        TransactionKind kind,
        BigDecimal amount,
        BigDecimal availableChange,
        BigDecimal pendingChange,
        BigDecimal reservedChange,
        SourceType sourceType,
        String sourceId,
        String reason,
        String relatedTransactionId,
        Instant createdAt,
        Instant availableFrom,
        Instant expiresAt,
        String ruleVersionId) {

    static TransactionView of(LedgerTransaction tx) {
        return new TransactionView(String.valueOf(tx.id), tx.kind, tx.amount, tx.availableChange(), tx.pendingChange,
                tx.reservedChange, tx.sourceType, tx.sourceId, tx.reason,
                tx.relatedTransactionId == null ? null : String.valueOf(tx.relatedTransactionId),
                tx.createdAt, tx.availableFrom, tx.expiresAt,
                tx.ruleVersionId == null ? null : String.valueOf(tx.ruleVersionId));
    }
}
