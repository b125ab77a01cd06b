package app.sarafan.rank;

import java.math.BigDecimal;

/** A rank as recalculation compares a member's figures with it: kept in memory between transactions. */
record RankTier(String code, String name, int position, BigDecimal minTotalPaid, Integer minPayingReferrals,
        BigDecimal minBonusesEarned) {

    static RankTier of(Rank rank) {
        return new RankTier(rank.code, rank.name, rank.position, rank.minTotalPaid, rank.minPayingReferrals,
                rank.minBonusesEarned);
    }

    boolean reachedWith(MemberRankView.Figures figures) {
        return (minTotalPaid == null || figures.totalPaid().compareTo(minTotalPaid) >= 0)
                && (minPayingReferrals == null || figures.payingReferrals() >= minPayingReferrals)
                && (minBonusesEarned == null || figures.bonusesEarned().compareTo(minBonusesEarned) >= 0);
    }
}
