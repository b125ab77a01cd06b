package app.sarafan.rewards;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A redemption: what the member paid ({@code price}, as of then) and got. {@code code} is shown in full only to the
 * member who owns it (and to the shop that presents it); administrators see it masked.
 */
public record RewardRedemptionView(String id, String externalId, String rewardCode, String rewardName,
        RewardType rewardType, BigDecimal price, RewardRedemptionStatus status, String code,
        BigDecimal discountAmount, String transactionId, Instant createdAt, Instant usedAt, Instant cancelledAt,
        String cancelReason, Instant updatedAt) {

    static RewardRedemptionView of(RewardRedemption r, String externalId, boolean owner) {
        return new RewardRedemptionView(String.valueOf(r.id), externalId, r.rewardCode, r.rewardName, r.rewardType,
                r.price, r.status, owner ? r.code : masked(r.code), r.discountAmount,
                String.valueOf(r.transactionId), r.createdAt, r.usedAt, r.cancelledAt, r.cancelReason, r.updatedAt);
    }

    /** The last four characters, the rest as asterisks: enough to tell codes apart, not to use one. */
    static String masked(String code) {
        if (code == null) {
            return null;
        }
        return code.length() <= 4 ? "****" : "****" + code.substring(code.length() - 4);
    }
}
