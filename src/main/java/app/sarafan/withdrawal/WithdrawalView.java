package app.sarafan.withdrawal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A withdrawal request as members and administrators see it: {@code payout} = amount − fee is what is paid out;
 * the payout details are always masked.
 */
public record WithdrawalView(
        String id,
        String externalId,
        WithdrawalStatus status,
        BigDecimal amount,
        BigDecimal fee,
        BigDecimal payout,
        PayoutMethod payoutMethod,
        String payoutDetails,
        String rejectReason,
        String decidedBy,
        Instant createdAt,
        Instant updatedAt,
        String holdTransactionId,
        String finalTransactionId) {
}
