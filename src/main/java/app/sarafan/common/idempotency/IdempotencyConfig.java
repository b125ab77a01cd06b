package app.sarafan.common.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.idempotency")
public interface IdempotencyConfig {

    /** The least a key may be kept: the API conventions promise integrators 24 hours to retry. */
    Duration MINIMUM_RETENTION = Duration.ofHours(24);

    /** How long a key is kept and replayed; at least {@link #MINIMUM_RETENTION}, checked at start. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * How long a request waits for another one with the same key that is still running, before it answers
     * {@code 409 idempotency-key-in-use}. Long enough for retries racing a normal request to replay its answer.
     */
    @WithDefault("PT5S")
    Duration inFlightWait();

    /** How often expired keys are deleted ("off" in tests, which run the purge themselves). */
    @WithDefault("1h")
    String purgeEvery();
}
