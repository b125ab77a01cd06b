package app.sarafan.referral;

import java.math.BigDecimal;
import java.time.Instant;

/** One member of someone's network as that someone sees them: masked name, when they joined, what they brought. */
public record NetworkMember(String displayName, int level, Instant registeredAt, Instant boundAt, boolean paid,
        BigDecimal brought) {
}
