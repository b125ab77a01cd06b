package app.sarafan.rewards;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A reward as administrators see it, with what is left of it: {@code remainingStock} (null: unlimited),
 * {@code availableCodes} (a pool's codes not issued; null for other types) and how many redemptions hold it.
 */
public record RewardView(String code, String name, String description, RewardType type, BigDecimal price,
        List<RankPrice> rankPrices, String codePattern, BigDecimal discountAmount, Instant availableFrom,
        Instant availableUntil, Integer perMemberLimit, Integer totalStock, Integer remainingStock,
        Long availableCodes, long redeemed, RewardStatus status, int version, Instant createdAt, Instant updatedAt) {
}
