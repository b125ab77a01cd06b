package app.sarafan.award;

import java.math.BigDecimal;
import java.time.Instant;

import app.sarafan.rule.RuleDefinition.Metric;

public record AwardView(String code, String name, String description, String imageUrl, Metric metric,
        BigDecimal threshold, boolean active, int version, Instant createdAt, Instant updatedAt) {

    static AwardView of(Award award) {
        return new AwardView(award.code, award.name, award.description, award.imageUrl, award.metric,
                award.threshold, award.active, award.version, award.createdAt, award.updatedAt);
    }
}
