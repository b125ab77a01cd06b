package app.sarafan.referral.imports;

import java.math.BigDecimal;
import java.time.Instant;

/** Bonuses a member brings over: an amount that burns at {@code expiresAt}, or never when it is null. */
public record ImportLot(BigDecimal amount, Instant expiresAt) {
}
