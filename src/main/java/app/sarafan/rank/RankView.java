package app.sarafan.rank;

import java.math.BigDecimal;
import java.time.Instant;

public record RankView(String code, String name, int position, BigDecimal minTotalPaid, Integer minPayingReferrals,
        BigDecimal minBonusesEarned, int version, Instant createdAt, Instant updatedAt) {

    static RankView of(Rank rank) {
        return new RankView(rank.code, rank.name, rank.position, rank.minTotalPaid, rank.minPayingReferrals,
                rank.minBonusesEarned, rank.version, rank.createdAt, rank.updatedAt);
    }
}
