package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A redemption as the shop sees it. {@code amount} was reserved; {@code captured} spent when the order was paid;
 * {@code returned} came back after a cancellation or refund. {@code lines} split the captured amount once the order
 * is paid, the reserved amount before.
 */
public record RedemptionView(
        String id,
        String externalId,
        String orderId,
        RedemptionStatus status,
        BigDecimal orderTotal,
        BigDecimal amount,
        BigDecimal captured,
        BigDecimal returned,
        ReleaseReason releaseReason,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        String ruleVersionId,
        List<LineDiscount> lines) {
}
