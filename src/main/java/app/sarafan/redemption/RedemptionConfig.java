package app.sarafan.redemption;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.redemptions")
public interface RedemptionConfig {

    /** How long bonuses stay reserved for an order that is neither paid nor cancelled. */
    @WithDefault("PT24H")
    Duration reservationTimeout();

    /** The lifetime of returned bonuses whose original expiry has passed. */
    @WithDefault("30")
    int returnGraceDays();

    /** How often the sweep looks for timed-out reservations ("off" in tests, which run it themselves). */
    @WithDefault("1m")
    String sweepEvery();

    /** How many timed-out reservations one sweep transaction releases. */
    @WithDefault("100")
    int sweepChunk();
}
