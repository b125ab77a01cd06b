package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a redemption took from one lot, kept so that returned bonuses get the lot's expiry and origin back. */
@RegisterForReflection
public record SpentLot(long creditTransactionId, BigDecimal amount, Instant expiresAt) {
}
