package app.sarafan.rank;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A member's rank, since when, their lifetime figures, and the next rank with what is still missing for it (null
 * at the top).
 */
public record MemberRankView(String memberId, String rank, String rankName, Instant since, Figures figures,
        Next next) {

    public record Figures(BigDecimal totalPaid, int payingReferrals, BigDecimal bonusesEarned) {
    }

    public record Next(String rank, String name, BigDecimal totalPaidMissing, Integer payingReferralsMissing,
            BigDecimal bonusesEarnedMissing) {
    }
}
