package app.sarafan.rewards;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A reward as one member sees it now: their price (for their rank), their available balance, what is left of the
 * reward and of their own limit (null: unlimited), and whether they can redeem it — when not, {@code blockedBy} says
 * why.
 */
public record RewardOffer(String code, String name, String description, RewardType type, BigDecimal price,
        BigDecimal discountAmount, Instant availableUntil, Integer remainingStock, Integer remainingForMember,
        BigDecimal available, boolean affordable, boolean redeemable, Obstacle blockedBy) {

    /** Why a member cannot redeem a reward now, the first that applies in this order. */
    public enum Obstacle {
        MEMBER_BLOCKED, OUT_OF_STOCK, LIMIT_REACHED, INSUFFICIENT_BALANCE
    }
}
