package app.sarafan.referral.imports;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.imports")
public interface ImportConfig {

    /** How often an idle worker looks for a queued import (a busy one goes from one import to the next at once). */
    @WithDefault("2s")
    String pollInterval();

    /**
     * How long an instance holds a running import without renewing its lease (it renews with every row). When an
     * instance dies, another one takes its imports over after at most this long.
     */
    @WithDefault("60s")
    Duration lease();
}
