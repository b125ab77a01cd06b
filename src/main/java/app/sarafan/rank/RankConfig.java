package app.sarafan.rank;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.ranks")
public interface RankConfig {

    /** Whether and when a member whose figures fell (refunds) goes down a rank. */
    @WithDefault("NEVER")
    Demotion demotion();

    /** When the nightly recalculation runs (Quartz cron, server time); "off" to disable. */
    @WithDefault("0 30 3 * * ?")
    String recalculateCron();

    enum Demotion {
        /** A rank once reached is kept. */
        NEVER,
        /** As soon as a recalculation (event-driven or nightly) finds the figures below the rank. */
        IMMEDIATE,
        /** Only by the nightly recalculation, so a refund does not demote in the middle of the day. */
        NIGHTLY
    }
}
