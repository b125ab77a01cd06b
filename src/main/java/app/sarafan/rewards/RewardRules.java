package app.sarafan.rewards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.sarafan.common.error.FieldError;

/** What a reward must be as a whole, beyond each field's own constraints; every failing field is named. */
final class RewardRules {

    private RewardRules() {
    }

    static List<FieldError> problems(RewardDefinition d, Set<String> rankCodes) {
        List<FieldError> errors = new ArrayList<>();
        RewardType type = d.type();
        if (type == RewardType.COUPON_PATTERN && d.codePattern() == null) {
            errors.add(new FieldError("codePattern", "is required for a COUPON_PATTERN reward"));
        } else if (d.codePattern() != null && !type.generatesCode()) {
            errors.add(new FieldError("codePattern", "applies only to COUPON_PATTERN, FIXED_DISCOUNT and FREE_SHIPPING"
                    + " rewards (a COUPON_POOL reward issues the codes uploaded to it)"));
        } else if (d.codePattern() != null) {
            String problem = CodePattern.problem(d.codePattern());
            if (problem != null) {
                errors.add(new FieldError("codePattern", problem));
            }
        }
        if (type == RewardType.FIXED_DISCOUNT && d.discountAmount() == null) {
            errors.add(new FieldError("discountAmount", "is required for a FIXED_DISCOUNT reward"));
        } else if (type != RewardType.FIXED_DISCOUNT && d.discountAmount() != null) {
            errors.add(new FieldError("discountAmount", "applies only to FIXED_DISCOUNT rewards"));
        }
        if (type == RewardType.PHYSICAL_GIFT && d.totalStock() == null) {
            errors.add(new FieldError("totalStock", "is required for a PHYSICAL_GIFT reward"));
        }
        if (d.availableFrom() != null && d.availableUntil() != null
                && !d.availableUntil().isAfter(d.availableFrom())) {
            errors.add(new FieldError("availableUntil", "must be after availableFrom"));
        }
        Set<String> seen = new HashSet<>();
        List<RankPrice> prices = d.rankPricesOrNone();
        for (int i = 0; i < prices.size(); i++) {
            String rank = prices.get(i).rankCode();
            if (!rankCodes.contains(rank)) {
                errors.add(new FieldError("rankPrices[" + i + "].rankCode", "no rank has code '" + rank + "'"));
            } else if (!seen.add(rank)) {
                errors.add(new FieldError("rankPrices[" + i + "].rankCode", "rank '" + rank + "' is priced twice"));
            }
        }
        return errors;
    }
}
