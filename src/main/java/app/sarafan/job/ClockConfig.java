package app.sarafan.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The staging switch that lets administrators move business time forward through the API. */
@ConfigMapping(prefix = "sarafan.clock")
public interface ClockConfig {

    /** POST /v1/admin/clock/advance works only with this on. Off by default. */
    @WithDefault("false")
    boolean shiftEnabled();

    /** The prod profile refuses to start with shift-enabled unless this is set too. */
    @WithDefault("false")
    boolean shiftInProduction();
}
