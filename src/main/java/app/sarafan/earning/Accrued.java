package app.sarafan.earning;

import java.math.BigDecimal;
import java.time.Instant;

import app.sarafan.rule.RuleProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One credit a rule produced: to whom, in which role and referral level, how much, and when it becomes available
 * ({@code status} PENDING until {@code availableFrom}) and burns.
 */
@RegisterForReflection
public record Accrued(String transactionId, String memberId, Role role, Integer level, RuleProfile profile,
        String ruleId, int ruleVersion, BigDecimal amount, AccrualStatus status, Instant availableFrom,
        Instant expiresAt, String description) {

    public enum AccrualStatus {
        PENDING, AVAILABLE
    }

    Accrued withoutTransaction() {
        return new Accrued(null, memberId, role, level, profile, ruleId, ruleVersion, amount, status, availableFrom,
                expiresAt, description);
    }
}
