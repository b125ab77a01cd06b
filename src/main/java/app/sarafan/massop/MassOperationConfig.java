package app.sarafan.massop;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sarafan.mass-operations")
public interface MassOperationConfig {

    /** How often an idle worker looks for a queued operation. */
    @WithDefault("2s")
    String pollInterval();

    /** How long an instance holds a running operation without renewing its lease (it renews with every chunk). */
    @WithDefault("60s")
    Duration lease();

    /**
     * Members per chunk: one database transaction, and what a cancel waits for at most. 500 credits commit in
     * some tens of milliseconds.
     */
    @WithDefault("500")
    int chunkSize();
}
